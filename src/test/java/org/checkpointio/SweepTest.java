package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TTL sweep deletes trees whose newest file is older than the age, and nothing else. */
class SweepTest {
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  @TempDir Path root;

  private void file(String path, long bytes, Instant modified) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[(int) bytes]);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  @BeforeEach
  void trees() throws IOException {
    Instant old = NOW.minus(10, ChronoUnit.DAYS);
    file("runs/old-run/orders/manifest.json", 100, old);
    file("runs/old-run/orders/part-a-00000-of-00001.parquet", 900, old.minus(1, ChronoUnit.DAYS));
    file("correlations/daily%2F2026-11-01/orders/manifest.json", 50, old);
    file("runs/mixed-run/orders/manifest.json", 10, old);
    file("runs/mixed-run/customers/manifest.json", 10, NOW.minus(1, ChronoUnit.HOURS));
    file("runs/fresh-run/orders/manifest.json", 10, NOW);
    file("runs/stray-file", 5, old);
    file("not-a-scope/old/file", 5, old);
  }

  private PCollection<SweptTree> sweep(Pipeline pipeline, boolean dryRun) {
    return pipeline.apply(
        CheckpointIO.sweep(root.toString()).olderThan(Duration.standardDays(3)).withDryRun(dryRun));
  }

  private static SweptTree oldRun(boolean deleted, Path root) {
    return swept(
        CheckpointTree.of(root + "/runs/old-run/", CheckpointScope.RUN, "old-run", 2, 1000,
            NOW.minus(10, ChronoUnit.DAYS).toEpochMilli()),
        deleted);
  }

  private static SweptTree oldCorrelation(boolean deleted, Path root) {
    return swept(
        CheckpointTree.of(root + "/correlations/daily%2F2026-11-01/", CheckpointScope.CORRELATION,
            "daily/2026-11-01", 1, 50, NOW.minus(10, ChronoUnit.DAYS).toEpochMilli()),
        deleted);
  }

  private static SweptTree swept(CheckpointTree tree, boolean deleted) {
    return deleted ? SweptTree.deleted(tree, 0) : SweptTree.wouldDelete(tree);
  }

  private List<String> allFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted()
          .toList();
    }
  }

  @Test
  void aDryRunListsWhatWouldGoWithSizesAndDeletesNothing() throws IOException {
    List<String> before = allFiles();
    Pipeline pipeline = TestPipelines.create();
    PAssert.that(sweep(pipeline, true))
        .containsInAnyOrder(oldRun(false, root), oldCorrelation(false, root));
    PipelineResult result = TestPipelines.run(pipeline);
    assertEquals(before, allFiles());
    assertEquals(0, TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
  }

  @Test
  void expiredTreesAreDeletedAndATreeWithAnyRecentFileIsNeverTouched() throws IOException {
    Pipeline pipeline = TestPipelines.create();
    PAssert.that(sweep(pipeline, false))
        .containsInAnyOrder(oldRun(true, root), oldCorrelation(true, root));
    PipelineResult result = TestPipelines.run(pipeline);

    assertFalse(Files.exists(root.resolve("runs/old-run")));
    assertFalse(Files.exists(root.resolve("correlations/daily%2F2026-11-01")));
    assertEquals(
        List.of(
            "not-a-scope/old/file",
            "runs/fresh-run/orders/manifest.json",
            "runs/mixed-run/customers/manifest.json",
            "runs/mixed-run/orders/manifest.json",
            "runs/stray-file"),
        allFiles());
    assertEquals(3, TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
    assertEquals(1050, TestPipelines.counter(result, CheckpointMetrics.BYTES_DELETED));
  }

  @Test
  void anAgeIsRequiredAndMustBePositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointIO.sweep(root.toString()).olderThan(Duration.ZERO));
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> pipeline.apply(CheckpointIO.sweep(root.toString())));
    assertTrue(missing.getMessage().contains("olderThan"), missing.getMessage());
  }
}
