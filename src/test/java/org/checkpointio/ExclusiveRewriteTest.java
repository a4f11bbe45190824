package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.write.WriteSettings;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A re-write of a name replaces it whole: readers see the new rows only, old shards go. */
class ExclusiveRewriteTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private Manifest write(List<Row> rows) throws Exception {
    return write(rows, WriteSettings.DEFAULT_RETENTION);
  }

  private Manifest write(List<Row> rows, Duration retention) throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write("orders").to(context()).withNumShards(2).withRetention(retention));
    TestPipelines.run(pipeline);
    return CommittedManifests.exclusive(context().paths(CheckpointScope.RUN, "orders")).get();
  }

  @Test
  void readersSeeOnlyTheNewRowsAndTheOldShardsGoOnceRetentionIsOver() throws Exception {
    Manifest first = write(TestRows.orders(0, 100));
    Manifest second = write(TestRows.orders(1000, 1050), Duration.ZERO);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(1000, 1050));
    TestPipelines.run(read);

    assertEquals(
        second,
        TestPipelines.assertHoldsExactlyItsCommit(context().paths(CheckpointScope.RUN, "orders")));
    assertNotEquals(first.writeId(), second.writeId());
    assertEquals(1, first.version());
    assertEquals(2, second.version());
    assertEquals(50, second.totalRows());
  }

  @Test
  void aReadResolvedBeforeAnOverwriteFinishesWithTheOldRowsWithinRetention() throws Exception {
    Manifest first = write(TestRows.orders(0, 100));
    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context()))) // resolves it now
        .containsInAnyOrder(TestRows.orders(0, 100));
    write(TestRows.orders(1000, 1050));

    TestPipelines.run(read);
    List<String> files = TestPipelines.filesUnder(root.resolve("runs/run-1/orders"));
    for (var shard : first.shards()) {
      assertTrue(files.contains(shard.fileName()), shard.fileName() + " kept for readers");
    }
  }

  @Test
  void aReadPinnedBeforeAnOverwriteFailsSayingSoOnceRetentionIsOver() throws Exception {
    write(TestRows.orders(0, 100));
    Pipeline read = TestPipelines.create();
    read.apply(CheckpointIO.read("orders").from(context())); // resolves the first write now
    Manifest second = write(TestRows.orders(1000, 1050), Duration.ZERO);

    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(read));
    CheckpointCorruptedException corrupted =
        TestPipelines.causeOf(thrown, CheckpointCorruptedException.class);
    assertTrue(corrupted.getMessage().contains("overwritten by write " + second.writeId()),
        corrupted.getMessage());
  }
}
