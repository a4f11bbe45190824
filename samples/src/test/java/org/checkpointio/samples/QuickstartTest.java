package org.checkpointio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the quickstart once, on a temporary root, and checks what it reports against storage. */
class QuickstartTest {
  private static final String RUN_ID = "quickstart-test";
  private static final Pattern SHARD =
      Pattern.compile("part-([0-9a-f-]{36})-(\\d{5})-of-(\\d{5})\\.parquet");

  @TempDir static Path root;

  private static Quickstart.Summary summary;

  @BeforeAll
  static void runQuickstart() throws Exception {
    summary = Quickstart.run("--checkpointRoot=" + root, "--checkpointRunId=" + RUN_ID);
  }

  @Test
  void usesTheGivenRootAndRunId() {
    assertEquals(root.toString(), summary.root());
    assertEquals(RUN_ID, summary.runId());
    assertEquals(
        root.resolve("runs").resolve(RUN_ID).resolve(Quickstart.ORDERS) + "/",
        summary.checkpointDirectory());
  }

  @Test
  void writeLeavesOnlyShardsOfOneWriteAndItsManifest() {
    List<String> files = summary.filesWritten();
    assertTrue(files.contains("_manifest-0000000001.json"), "no _manifest-0000000001.json in " + files);
    List<String> shards = files.stream().filter(f -> !f.equals("_manifest-0000000001.json")).toList();
    assertFalse(shards.isEmpty(), "no shards in " + files);

    String writeId = null;
    for (int i = 0; i < shards.size(); i++) {
      Matcher shard = SHARD.matcher(shards.get(i));
      assertTrue(shard.matches(), "not a part-{writeId}-{shard}-of-{count}.parquet: " + shards);
      writeId = writeId == null ? shard.group(1) : writeId;
      assertEquals(writeId, shard.group(1), "shards of two writes: " + shards);
      assertEquals(i, Integer.parseInt(shard.group(2)), "shard numbers: " + shards);
      assertEquals(shards.size(), Integer.parseInt(shard.group(3)), "shard count: " + shards);
    }
  }

  @Test
  void manifestAndBothReadsCountEveryGeneratedOrder() {
    assertEquals(Quickstart.ORDER_COUNT, summary.manifestRows());
    assertEquals(Quickstart.ORDER_COUNT, summary.rowsReadByWriter());
    assertEquals(Quickstart.ORDER_COUNT, summary.rowsReadByReader());
  }

  @Test
  void readerSumsTheAmountsThatWereWritten() {
    double expected =
        LongStream.range(0, Quickstart.ORDER_COUNT)
            .mapToDouble(id -> Quickstart.order(id).getDouble("amount"))
            .sum();
    assertEquals(expected, summary.amountTotal(), 0.001);
  }

  @Test
  void cleanupDeletesEveryFileAndTheRunTree() {
    assertTrue(summary.filesDeleted() > 0, "cleanup deleted nothing");
    assertEquals(summary.filesWritten().size(), summary.filesDeleted());
    assertTrue(summary.bytesDeleted() > 0, "cleanup deleted 0 bytes");
    assertFalse(summary.runTreeExists(), "files left under " + summary.runTree());
    assertFalse(Files.exists(root.resolve("runs").resolve(RUN_ID)), "run directory still exists");
  }
}
