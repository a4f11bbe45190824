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
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep never takes a running write's files: it refuses ages under an hour unless forced, and
 * keeps a tree where a write is in progress, however old the tree's other files are.
 */
class SweepSafetyTest {
  private static final Instant NOW = Instant.now();
  private static final Instant OLD = NOW.minus(10, ChronoUnit.DAYS);

  @TempDir Path root;

  private void file(String path, Instant modified) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[10]);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  /** The ids of the trees the sweep reports, deleted or (in a dry run) to be deleted. */
  private static PCollection<String> ids(PCollection<SweptTree> swept) {
    return swept.apply(MapElements.into(TypeDescriptors.strings()).via(SweptTree::getId));
  }

  @Test
  void anAgeUnderAnHourIsRefusedWhenTheSweepIsAppliedSayingWhyAndHowToForceIt() {
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pipeline.apply(
                    CheckpointIO.sweep(root.toString()).olderThan(Duration.standardMinutes(30))));
    assertEquals(
        "A sweep of trees older than 30m is refused: the least age is 1h, because a write that"
            + " is running may have files that young, and sweeping them would delete its"
            + " checkpoints under it. Give 1h or more; or, if no pipeline writes under this"
            + " root now, force it with .withForce(true)",
        e.getMessage());
    assertEquals(Duration.standardHours(1), CheckpointStore.MINIMUM_SWEEP_AGE);
    // The minimum itself is accepted.
    pipeline.apply(CheckpointIO.sweep(root.toString()).olderThan(CheckpointStore.MINIMUM_SWEEP_AGE));
  }

  @Test
  void aForcedSweepTakesYoungerTreesWhicheverOrderItsSettingsComeIn() throws IOException {
    Instant young = NOW.minus(45, ChronoUnit.MINUTES);
    file("runs/young-run/orders/manifest.json", young);
    file("runs/fresh-run/orders/manifest.json", NOW);

    Pipeline first = TestPipelines.create();
    PAssert.that(
            ids(
                first.apply(
                    CheckpointIO.sweep(root.toString())
                        .olderThan(Duration.standardMinutes(30))
                        .withForce(true)
                        .withDryRun(true))))
        .containsInAnyOrder("young-run");
    TestPipelines.run(first);
    assertTrue(Files.exists(root.resolve("runs/young-run")), "a dry run deletes nothing");

    Pipeline second = TestPipelines.create();
    PAssert.that(
            ids(
                second.apply(
                    CheckpointIO.sweep(root.toString())
                        .withForce(true)
                        .olderThan(Duration.standardMinutes(30)))))
        .containsInAnyOrder("young-run");
    TestPipelines.run(second);
    assertEquals(
        List.of("runs/fresh-run/orders/manifest.json"), TestPipelines.filesUnder(root));
  }

  @Test
  void aTreeWithAWriteInProgressIsKeptHoweverOldItsOtherFilesAndADeadWritesTreeIsSwept()
      throws IOException {
    assertEquals(Duration.standardHours(24), CheckpointStore.WRITE_IN_PROGRESS_GRACE);
    // A write started 3 hours ago in a tree of old checkpoints: its marker is 2 hours old.
    file("runs/busy/orders/manifest.json", OLD);
    file("runs/busy/orders/part-w0-00000-of-00001.parquet", OLD);
    file("runs/busy/orders/.tmp-w1/part-w1-00000-of-00001.parquet", NOW.minus(3, ChronoUnit.HOURS));
    file("runs/busy/orders/.tmp-w1/_writing", NOW.minus(2, ChronoUnit.HOURS));
    // The same in a CORRELATION tree, the marker in another checkpoint than the old files.
    file("correlations/wf%2F1/customers/manifest.json", OLD);
    file("correlations/wf%2F1/orders/.tmp-w3/_writing", NOW.minus(23, ChronoUnit.HOURS));
    // A write that died 30 hours ago: its marker is past the grace period.
    file("runs/dead/orders/manifest.json", OLD);
    file("runs/dead/orders/.tmp-w2/part-w2-00000-of-00001.parquet", NOW.minus(30, ChronoUnit.HOURS));
    file("runs/dead/orders/.tmp-w2/_writing", NOW.minus(30, ChronoUnit.HOURS));
    // A file named like the marker, but not in a write's temporary directory, is no marker.
    file("runs/not-a-marker/orders/manifest.json", OLD);
    file("runs/not-a-marker/orders/_writing", NOW.minus(2, ChronoUnit.HOURS));
    List<String> before = TestPipelines.filesUnder(root);

    Pipeline dryRun = TestPipelines.create();
    PAssert.that(
            ids(
                dryRun.apply(
                    CheckpointIO.sweep(root.toString())
                        .olderThan(Duration.standardHours(1))
                        .withDryRun(true))))
        .containsInAnyOrder("dead", "not-a-marker");
    TestPipelines.run(dryRun);
    assertEquals(before, TestPipelines.filesUnder(root));

    Pipeline sweep = TestPipelines.create();
    PAssert.that(
            ids(sweep.apply(CheckpointIO.sweep(root.toString()).olderThan(Duration.standardHours(1)))))
        .containsInAnyOrder("dead", "not-a-marker");
    TestPipelines.run(sweep);
    assertFalse(Files.exists(root.resolve("runs/dead")));
    assertFalse(Files.exists(root.resolve("runs/not-a-marker")));
    assertEquals(
        List.of(
            "correlations/wf%2F1/customers/manifest.json",
            "correlations/wf%2F1/orders/.tmp-w3/_writing",
            "runs/busy/orders/.tmp-w1/_writing",
            "runs/busy/orders/.tmp-w1/part-w1-00000-of-00001.parquet",
            "runs/busy/orders/manifest.json",
            "runs/busy/orders/part-w0-00000-of-00001.parquet"),
        TestPipelines.filesUnder(root));

    // Forcing lowers the minimum age; it never takes a tree with a write in progress.
    Pipeline forced = TestPipelines.create();
    PAssert.that(
            ids(
                forced.apply(
                    CheckpointIO.sweep(root.toString())
                        .olderThan(Duration.standardMinutes(1))
                        .withForce(true))))
        .empty();
    TestPipelines.run(forced);
    assertEquals(6, TestPipelines.filesUnder(root).size());
  }
}
