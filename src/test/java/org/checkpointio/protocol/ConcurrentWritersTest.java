package org.checkpointio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two writers of one name, each a job in its own JVM, the second started a varied time after the
 * first, over a checkpoint committed before: the read returns exactly the committed writes' rows
 * under the read rule, never a part, a mix or the old rows; of two exclusive writers that ran at
 * once one commits and the other fails with {@code ConcurrentCheckpointWriteException} and leaves
 * nothing; and no manifest ever lists a missing shard.
 */
class ConcurrentWritersTest {
  private static final String NAME = "orders";
  private static final long ROWS = 5_000;
  private static final int SHARDS = 4;
  private static final long FIRST = 0;
  private static final long SECOND = 100_000;
  private static final long BEFORE = 1_000_000;
  private static final int TRIALS = 10;
  private static final long OFFSET_STEP_MILLIS = 300;

  /** How the trials with an exclusive writer ended, to show which endings occurred. */
  private static final Map<Ending, Integer> ENDINGS = new EnumMap<>(Ending.class);

  @TempDir Path root;

  enum Pair {
    EXCLUSIVE_EXCLUSIVE,
    EXCLUSIVE_APPEND,
    APPEND_APPEND
  }

  enum Ending {
    ONE_LOST_THE_RACE,
    BOTH_COMMITTED_IN_TURN,
    APPEND_REPLACED_BY_THE_EXCLUSIVE_WRITE,
    APPEND_ON_TOP_OF_THE_EXCLUSIVE_WRITE
  }

  record Trial(Pair pair, int number) {
    long offsetMillis() {
      return number * OFFSET_STEP_MILLIS;
    }

    CheckpointFormat format() {
      return number % 2 == 0 ? CheckpointFormat.PARQUET : CheckpointFormat.ARROW;
    }

    /** Whether writer {@code first} (else the second) appends. */
    boolean appends(boolean first) {
      return switch (pair) {
        case EXCLUSIVE_EXCLUSIVE -> false;
        case APPEND_APPEND -> true;
        // The exclusive writer starts first in even trials, second in odd ones.
        case EXCLUSIVE_APPEND -> first == (number % 2 == 1);
      };
    }

    @Override
    public String toString() {
      return String.format(
          "%s %s, the second starting %d ms after the first", pair, format(), offsetMillis());
    }
  }

  static Stream<Trial> trials() {
    List<Trial> trials = new ArrayList<>();
    for (Pair pair : Pair.values()) {
      for (int number = 0; number < TRIALS; number++) {
        trials.add(new Trial(pair, number));
      }
    }
    return trials.stream();
  }

  @AfterAll
  static void report() {
    System.out.println("ConcurrentWritersTest: trials with an exclusive writer ended " + ENDINGS);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("trials")
  void theReadReturnsExactlyTheCommittedWritesAndNoManifestListsAMissingShard(Trial trial)
      throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    CheckpointPaths paths = context.paths(CheckpointScope.RUN, NAME);
    List<Row> before = TestRows.orders(BEFORE, BEFORE + 100);
    writeBefore(context, trial.format(), before);
    List<Row> first = TestRows.orders(FIRST, FIRST + ROWS);
    List<Row> second = TestRows.orders(SECOND, SECOND + ROWS);

    WriterProcess.Outcome a;
    WriterProcess.Outcome b;
    try (WriterProcess one = WriterProcess.start(child(trial, true, FIRST))) {
      Thread.sleep(trial.offsetMillis());
      try (WriterProcess two = WriterProcess.start(child(trial, false, SECOND))) {
        a = one.awaitExit();
        b = two.awaitExit();
      }
    }
    for (WriterProcess.Outcome outcome : List.of(a, b)) {
      if (!outcome.committed() && !outcome.lostTheRace()) {
        fail("a writer failed otherwise than by losing the race:\n" + outcome.output());
      }
    }

    CheckpointDirectory directory = new CheckpointDirectory(paths);
    List<Row> read = ReadBack.rows(context, NAME).orElseThrow();
    Manifest exclusive = CommittedManifests.exclusive(paths).orElseThrow();
    switch (trial.pair()) {
      case EXCLUSIVE_EXCLUSIVE -> {
        assertFalse(a.lostTheRace() && b.lostTheRace(), "one of two writers commits");
        boolean firstWon = containsId(read, FIRST);
        ReadBack.assertSameRows(firstWon ? first : second, read, "the winner's rows");
        WriterProcess.Outcome loser = firstWon ? b : a;
        if (loser.lostTheRace()) {
          count(Ending.ONE_LOST_THE_RACE);
          String message = loser.concurrentMessage();
          assertTrue(message.contains("\"" + NAME + "\""), message);
          assertTrue(message.contains(exclusive.writeId()), "names the winner: " + message);
        } else {
          // It committed first and was replaced whole: its version is the one before.
          count(Ending.BOTH_COMMITTED_IN_TURN);
          assertEquals(3, exclusive.version(), "the old checkpoint, the loser, the winner");
        }
      }
      case EXCLUSIVE_APPEND -> {
        assertTrue(a.committed() && b.committed(), "an append and an exclusive write both commit");
        List<Row> exclusiveRows = trial.appends(true) ? second : first;
        List<Row> appendedRows = trial.appends(true) ? first : second;
        Map<String, Manifest> manifests = directory.manifests();
        Manifest append =
            manifests.values().stream().filter(Manifest::append).findFirst().orElseThrow();
        if (exclusive.supersedes().contains(append.writeId())) {
          // The append committed first, and the exclusive write replaced it.
          count(Ending.APPEND_REPLACED_BY_THE_EXCLUSIVE_WRITE);
          ReadBack.assertSameRows(exclusiveRows, read, "the exclusive write's rows");
        } else {
          count(Ending.APPEND_ON_TOP_OF_THE_EXCLUSIVE_WRITE);
          ReadBack.assertSameRows(
              ReadBack.concat(exclusiveRows, appendedRows), read, "both writes' rows");
        }
      }
      case APPEND_APPEND -> {
        assertTrue(a.committed() && b.committed(), "two appends both commit");
        List<Row> all = ReadBack.concat(before, ReadBack.concat(first, second));
        ReadBack.assertSameRows(all, read, "all three writes' rows");
      }
    }
    directory.assertNoManifestListsAMissingShard();
    assertEquals(List.of(), directory.unlistedShards(), "the loser's shards were removed");
    assertTrue(
        directory.entries().stream()
            .noneMatch(name -> CheckpointPaths.tempWriteId(name).isPresent()),
        "no temporary directory is left: " + directory.entries());
  }

  private CheckpointWriterMain.WriterArgs child(Trial trial, boolean first, long ids) {
    return new CheckpointWriterMain.WriterArgs(
        root.toString(), "run-1", NAME, trial.appends(first), trial.format(), ids, ROWS, SHARDS);
  }

  private static boolean containsId(List<Row> rows, long id) {
    return rows.stream().anyMatch(row -> row.getInt64("id") == id);
  }

  private static synchronized void count(Ending ending) {
    ENDINGS.merge(ending, 1, Integer::sum);
  }

  private static void writeBefore(
      CheckpointContext context, CheckpointFormat format, List<Row> rows) {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write(NAME).to(context).withFormat(format).withNumShards(2));
    TestPipelines.run(pipeline);
  }

}
