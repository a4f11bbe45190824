package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.checkpointio.CheckpointScope;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every count in the text agrees with its words, at one and at two: {@code 1 tree} and {@code 2
 * trees}, {@code 1 file, 1 byte}, {@code 1 of 1 tree has} and {@code 2 of 2 trees have}, {@code it
 * had} and {@code they had}.
 */
class PluralWordsCommandIT {
  /** The age of every file below; the sweeps take trees older than an hour. */
  private static final Duration AGE = Duration.ofMinutes(150);

  @TempDir Path base;

  /** {@code one} when {@code count} is 1, else {@code two}: the line the test expects. */
  private static String expected(int count, String one, String two) {
    return count == 1 ? one : two;
  }

  /**
   * {@code count} runs, each with a checkpoint 'orders' of {@code count} shards of 10 bytes and a
   * row each, under 'committed'; {@code count} runs that never committed, each with {@code count}
   * files of one byte, under 'leftovers'; one such run under 'single'.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {1, 2})
  void countsAgreeWithTheirWords(int count) throws Exception {
    Instant now = Instant.now();
    Path committed = base.resolve("committed");
    long[] shards = new long[count];
    Arrays.fill(shards, 10);
    for (int run = 1; run <= count; run++) {
      new LocalTrees(committed, now)
          .commit(CheckpointScope.RUN, "r" + run, "orders", false, AGE, shards);
    }
    Path leftovers = base.resolve("leftovers");
    Path single = base.resolve("single");
    for (int file = 0; file < count; file++) {
      for (int run = 1; run <= count; run++) {
        Path part = leftovers.resolve("runs/crashed-" + run + "/orders/.tmp-x/part-" + file);
        LocalTrees.file(part, 1, now.minus(AGE));
      }
      LocalTrees.file(single.resolve("runs/crashed/.tmp-x/part-" + file), 1, now.minus(AGE));
    }

    CheckpointProcess.Result ls = CheckpointProcess.run("ls", committed.toString());
    assertEquals(0, ls.exitCode(), ls.describe());
    assertEquals(
        expected(count, "1 tree, 1 committed checkpoint", "2 trees, 2 committed checkpoints"),
        ls.out().get(ls.out().size() - 1));

    CheckpointProcess.Result show =
        CheckpointProcess.run("show", committed.toString(), "--run", "r1", "orders");
    assertEquals(0, show.exitCode(), show.describe());
    String totals = expected(count, "1 shard, 1 row, 10 bytes", "2 shards, 2 rows, 20 bytes");
    assertTrue(show.collapsedOut().contains(totals), totals + "; " + show.describe());

    String root = leftovers.toString();
    List<String> listed = new ArrayList<>();
    for (int run = 1; run <= count; run++) {
      listed.add(
          "Would delete run 'crashed-"
              + run
              + "': "
              + root
              + "/runs/crashed-"
              + run
              + "/ ("
              + expected(count, "1 file, 1 byte", "2 files, 2 bytes")
              + ", newest file 2h 30m old)");
    }
    CheckpointProcess.Result asked =
        CheckpointProcess.runWithInput("n\n", "sweep", root, "--older-than", "1h");
    assertEquals(1, asked.exitCode(), asked.describe());
    assertEquals(listed, asked.out().subList(0, count), asked.describe());
    String question = expected(count, "Delete this tree? [y/N]", "Delete these 2 trees? [y/N]");
    assertTrue(asked.out().get(count).startsWith(question), asked.describe());

    CheckpointProcess.Result dryRun =
        CheckpointProcess.run("sweep", root, "--older-than", "1h", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.describe());
    assertEquals(
        expected(
            count,
            "Dry run: 1 of 1 tree has no file newer than 1h 0m; nothing was deleted",
            "Dry run: 2 of 2 trees have no file newer than 1h 0m; nothing was deleted"),
        dryRun.out().get(count),
        dryRun.describe());

    CheckpointProcess.Result swept =
        CheckpointProcess.run("sweep", root, "--older-than", "1h", "--yes");
    assertEquals(0, swept.exitCode(), swept.describe());
    assertEquals(
        listed.stream().map(line -> line.replaceFirst("^Would delete", "Deleted")).toList(),
        swept.out().subList(0, count),
        swept.describe());
    assertEquals(
        expected(
            count,
            "Deleted 1 of 1 tree: it had no file newer than 1h 0m",
            "Deleted 2 of 2 trees: they had no file newer than 1h 0m"),
        swept.out().get(count),
        swept.describe());

    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", single.toString(), "--run", "crashed", "--yes");
    assertEquals(0, rm.exitCode(), rm.describe());
    assertEquals(
        List.of("Deleted run 'crashed': " + expected(count, "1 file, 1 byte", "2 files, 2 bytes")),
        rm.out());
  }
}
