package org.checkpointio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fan-in sample once and checks the manifests, the union and the cleanup. */
class FanInTest {
  @TempDir static Path root;

  private static FanIn.Summary summary;

  @BeforeAll
  static void runFanIn() throws Exception {
    summary = FanIn.run("--checkpointRoot=" + root, "--checkpointRunId=fan-in-test");
  }

  @Test
  void eachBranchCommitsItsOwnAppendManifest() {
    assertEquals(List.of(250L, 350L, 400L), summary.manifestRows());
    for (String file : summary.manifestFiles()) {
      assertTrue(file.matches("_append-[0-9a-f-]{36}\\.json"), file);
    }
    assertEquals(3, summary.manifestFiles().stream().distinct().count());
  }

  @Test
  void oneReadReturnsEveryRowOfEveryBranchOnce() {
    assertEquals(1000, summary.unionRows());
    assertEquals(Map.of("apac", 250L, "eu", 400L, "us", 350L), summary.rowsPerRegion());
  }

  @Test
  void theInt32BranchIsWidenedToTheContract() {
    assertEquals("INT64", summary.quantityTypeRead());
    long expected =
        FanIn.ROWS_PER_REGION.values().stream()
            .mapToLong(rows -> LongStream.range(0, rows).map(id -> id % 5 + 1).sum())
            .sum();
    assertEquals(expected, summary.quantitySum());
  }

  @Test
  void cleanupDeletesTheRunTree() {
    assertTrue(summary.filesDeleted() > 0);
    assertFalse(summary.runTreeExists());
  }
}
