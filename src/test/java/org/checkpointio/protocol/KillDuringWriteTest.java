package org.checkpointio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.joda.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A writer in a child JVM is killed with SIGKILL at points spread over its run: at fractions of
 * the time a whole run takes, when its commit starts (between finalizing the shards and moving the
 * first), a few milliseconds into the commit, and once it logged the commit. After each kill a
 * read finds nothing, or exactly one complete write, never a part or a mix; a re-run then reads
 * exactly its rows, once each; and once what the killed writer left is older than the grace
 * period, the next write collects it.
 */
class KillDuringWriteTest {
  private static final String NAME = "orders";
  private static final long ROWS = 20_000;
  private static final int SHARDS = 6;
  /** Ids of the killed write; the checkpoint committed before it; a later write. */
  private static final long KILLED = 0;
  private static final long BEFORE = 1_000_000;
  private static final long LATER = 2_000_000;
  private static final int MINIMUM_KILLS = 20;

  /** How long an uninterrupted child takes here from its start to its marker, and to its exit. */
  private static long startMillis;

  private static long writeMillis;

  private static final Map<Phase, Integer> KILLS_BY_PHASE = new EnumMap<>(Phase.class);

  /** The points a run was too quick for: it ended by itself before the kill. */
  private static final List<String> ENDED_BEFORE_THE_KILL = new ArrayList<>();

  @TempDir Path root;

  /** What the killed write had done, judged from the files it left. */
  enum Phase {
    NOTHING_YET,
    WRITING_SHARDS,
    MOVING_SHARDS,
    COMMITTED_COLLECTING,
    COMMITTED
  }

  /** What the killed writer does, and what a read may return after the kill. */
  enum Scenario {
    /** The first write of the name: not found, or the write. */
    FIRST_WRITE,
    /** An exclusive re-write of a committed checkpoint: the old rows, or the new. */
    REWRITE,
    /** An append to a committed checkpoint: the old rows, or the old and the appended. */
    APPEND
  }

  /** When to kill, in which scenario, writing which format. */
  record KillPoint(
      String when, double fraction, String line, long delayMillis, Scenario scenario,
      CheckpointFormat format) {
    @Override
    public String toString() {
      return scenario + " " + format + ", killed " + when;
    }
  }

  /** Kill points spread over the run; the scenarios and formats take turns. */
  static Stream<KillPoint> killPoints() {
    List<KillPoint> points = new ArrayList<>();
    for (double fraction : new double[] {0.3, 0.8}) {
      points.add(point(points.size(), String.format("%.0f%% into its start", fraction * 100),
          fraction, null, 0));
    }
    for (int i = 0; i < 16; i++) {
      // Past 1: into the write, from its marker on; over 70% of it, which a slower run still has.
      double into = 0.7 * i / 16.0;
      double fraction = 1 + into;
      points.add(point(points.size(), String.format("%.0f%% into the write", into * 100),
          fraction, null, 0));
    }
    for (long delay : new long[] {0, 1, 2, 3, 5, 8, 12, 18, 25, 50}) {
      points.add(point(points.size(), delay + " ms into the commit", 0, "Committing checkpoint",
          delay));
    }
    points.add(point(points.size(), "once it logged its commit", 0, "Committed checkpoint", 0));
    return points.stream();
  }

  private static KillPoint point(
      int index, String when, double fraction, String line, long delayMillis) {
    Scenario scenario = Scenario.values()[index % Scenario.values().length];
    CheckpointFormat format =
        (index / Scenario.values().length) % 2 == 0
            ? CheckpointFormat.PARQUET
            : CheckpointFormat.ARROW;
    return new KillPoint(when, fraction, line, delayMillis, scenario, format);
  }

  @BeforeAll
  static void timeOneWholeRun(@TempDir Path scratch) throws Exception {
    long start = System.nanoTime();
    CheckpointWriterMain.WriterArgs args =
        child(scratch, Scenario.FIRST_WRITE, CheckpointFormat.PARQUET);
    try (WriterProcess writer = WriterProcess.start(args)) {
      assertTrue(awaitMarker(scratch, writer), "the writer left its marker");
      startMillis = (System.nanoTime() - start) / 1_000_000;
      WriterProcess.Outcome outcome = writer.awaitExit();
      assertTrue(outcome.committed(), outcome.output());
    }
    writeMillis = (System.nanoTime() - start) / 1_000_000 - startMillis;
    System.out.printf(
        "KillDuringWriteTest: a child takes %d ms to its marker, then %d ms to write and commit%n",
        startMillis, writeMillis);
  }

  /** Waits, polling, until the writer's marker is there; false if the writer ended first. */
  private static boolean awaitMarker(Path root, WriterProcess writer) throws Exception {
    Path dir = root.resolve("runs/run-1/" + NAME);
    long deadline = System.currentTimeMillis() + WriterProcess.TIMEOUT_MILLIS;
    while (writer.isAlive() && System.currentTimeMillis() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.anyMatch(entry -> Files.exists(entry.resolve("_writing")))) {
            return true;
          }
        } catch (IOException listedWhileChanging) {
          // try again
        }
      }
      Thread.sleep(2);
    }
    return false;
  }

  @AfterAll
  static void killsWereSpreadOverTheRun() {
    System.out.println("KillDuringWriteTest: kills by what the writer had done: " + KILLS_BY_PHASE);
    System.out.println("KillDuringWriteTest: ended before the kill: " + ENDED_BEFORE_THE_KILL);
    int kills = KILLS_BY_PHASE.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(kills >= MINIMUM_KILLS, kills + " kills landed: " + KILLS_BY_PHASE);
    assertTrue(KILLS_BY_PHASE.size() >= 3, "kills landed in too few phases: " + KILLS_BY_PHASE);
  }

  private static CheckpointWriterMain.WriterArgs child(
      Path root, Scenario scenario, CheckpointFormat format) {
    return new CheckpointWriterMain.WriterArgs(
        root.toString(),
        "run-1",
        NAME,
        scenario == Scenario.APPEND,
        format,
        KILLED,
        ROWS,
        SHARDS);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("killPoints")
  void aKilledWriteLeavesNothingOrOneWholeWriteAndTheNextWriteCollectsItsLeftovers(
      KillPoint point) throws Exception {
    Scenario scenario = point.scenario();
    CheckpointWriterMain.WriterArgs args = child(root, scenario, point.format());
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    CheckpointPaths paths = context.paths(CheckpointScope.RUN, NAME);
    CheckpointDirectory directory = new CheckpointDirectory(paths);

    List<Row> before = TestRows.orders(BEFORE, BEFORE + 100);
    Optional<Manifest> previous = Optional.empty();
    if (scenario != Scenario.FIRST_WRITE) {
      write(context, args.format(), before, false, Duration.standardHours(1));
      previous = CommittedManifests.exclusive(paths);
    }
    List<Row> killed = TestRows.orders(KILLED, KILLED + ROWS);

    boolean killedIt = killAt(point, args, root);
    Phase phase = phase(directory, previous.map(Manifest::writeId).orElse(""));
    synchronized (KILLS_BY_PHASE) {
      if (killedIt) {
        KILLS_BY_PHASE.merge(phase, 1, Integer::sum);
      } else {
        ENDED_BEFORE_THE_KILL.add(point.toString());
      }
    }

    // A read finds nothing, or exactly one complete write.
    String after = "rows read after a kill while " + phase;
    Optional<List<Row>> read = ReadBack.rows(context, NAME);
    boolean committed;
    switch (scenario) {
      case FIRST_WRITE -> {
        committed = read.isPresent();
        if (committed) {
          ReadBack.assertSameRows(killed, read.get(), after);
        }
      }
      case REWRITE -> {
        assertTrue(read.isPresent(), "the committed checkpoint is still readable");
        committed = read.get().size() == killed.size();
        ReadBack.assertSameRows(committed ? killed : before, read.get(), after);
      }
      default -> {
        assertTrue(read.isPresent(), "the committed checkpoint is still readable");
        committed = read.get().size() == before.size() + killed.size();
        ReadBack.assertSameRows(
            committed ? ReadBack.concat(before, killed) : before, read.get(), after);
      }
    }
    directory.assertNoManifestListsAMissingShard();
    if (phase == Phase.COMMITTED || phase == Phase.COMMITTED_COLLECTING) {
      assertTrue(committed, "a manifest of the killed write is there, so its rows are: " + phase);
    }

    // What the killed writer left lies there past the grace period; the next write collects it.
    directory.age(25);
    List<Row> expected;
    if (scenario == Scenario.APPEND) {
      List<Row> next = committed ? TestRows.orders(LATER, LATER + 50) : killed;
      write(context, args.format(), next, true, Duration.ZERO);
      expected = ReadBack.concat(committed ? ReadBack.concat(before, killed) : before, next);
    } else {
      write(context, args.format(), killed, false, Duration.ZERO); // the re-run
      expected = killed;
    }
    ReadBack.assertSameRows(expected, ReadBack.rows(context, NAME).orElseThrow(), after);
    directory.assertHoldsOnlyLiveCommits();
  }

  /**
   * Starts the writer and kills it at {@code point}; false if it ended by itself first (the run
   * was quicker than the point), which then counts as no kill.
   */
  private static boolean killAt(
      KillPoint point, CheckpointWriterMain.WriterArgs args, Path root)
      throws Exception {
    try (WriterProcess writer = WriterProcess.start(args)) {
      if (point.line() == null && point.fraction() < 1) {
        Thread.sleep((long) (point.fraction() * startMillis));
      } else if (point.line() == null) {
        if (awaitMarker(root, writer)) {
          Thread.sleep((long) ((point.fraction() - 1) * writeMillis));
        }
      } else {
        Optional<String> line =
            writer.awaitLine(text -> text.contains(point.line()), WriterProcess.TIMEOUT_MILLIS);
        assertTrue(line.isPresent(), "the writer never logged \"" + point.line() + "\"\n"
            + writer.output());
        if (point.delayMillis() > 0) {
          Thread.sleep(point.delayMillis());
        }
      }
      if (!writer.isAlive()) {
        WriterProcess.Outcome outcome = writer.awaitExit();
        assertTrue(outcome.committed(), outcome.output());
        return false;
      }
      writer.kill();
      return true;
    }
  }

  /** What the killed write had done, from the files it left beside {@code previousWriteId}'s. */
  private static Phase phase(CheckpointDirectory directory, String previousWriteId)
      throws IOException {
    List<String> entries = directory.entries();
    boolean temp = entries.stream().anyMatch(name -> CheckpointPaths.tempWriteId(name).isPresent());
    boolean manifest =
        directory.manifests().values().stream()
            .anyMatch(m -> !m.writeId().equals(previousWriteId));
    boolean shards =
        entries.stream()
            .anyMatch(
                name ->
                    CheckpointPaths.shardWriteId(name)
                        .filter(id -> !id.equals(previousWriteId))
                        .isPresent());
    if (manifest) {
      return temp ? Phase.COMMITTED_COLLECTING : Phase.COMMITTED;
    }
    if (shards) {
      return Phase.MOVING_SHARDS;
    }
    return temp ? Phase.WRITING_SHARDS : Phase.NOTHING_YET;
  }

  private static void write(
      CheckpointContext context,
      CheckpointFormat format,
      List<Row> rows,
      boolean append,
      Duration retention) {
    CheckpointIO.Write write =
        CheckpointIO.write(NAME)
            .to(context)
            .withFormat(format)
            .withNumShards(2)
            .withRetention(retention);
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(append ? write.withAppend() : write);
    TestPipelines.run(pipeline);
  }

}
