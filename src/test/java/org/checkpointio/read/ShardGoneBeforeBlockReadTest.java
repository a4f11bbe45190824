package org.checkpointio.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.ShardReads;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.format.ShardToRead;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A shard that was there when the read verified it but is gone when its blocks are read (the
 * name was overwritten and the old shards collected in between) fails the block read as the
 * verification would have: overwritten by which write, not "cannot be decoded".
 */
class ShardGoneBeforeBlockReadTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private CheckpointPaths paths() {
    return context().paths(CheckpointScope.RUN, "orders");
  }

  private Manifest write(CheckpointFormat format, List<Row> rows) throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()).withFormat(format).withNumShards(1));
    TestPipelines.run(pipeline);
    List<Manifest> live = CommittedManifests.read(paths());
    assertEquals(1, live.size());
    return live.get(0);
  }

  /** The shard of {@code manifest} as a read that resolved it pins it. */
  private PinnedShard pin(Manifest manifest) {
    ShardFile shard = manifest.shards().get(0);
    return PinnedShard.of(
        paths().file(shard.fileName()).toString(),
        shard.sizeBytes(),
        shard.crc32c(),
        manifest.writeId(),
        CommittedManifests.location(paths(), manifest).toString(),
        paths());
  }

  /** Overwrites the checkpoint and, should the old shard still be kept, collects it. */
  private Manifest overwriteAndCollect(CheckpointFormat format, PinnedShard old) throws Exception {
    Manifest second = write(format, TestRows.orders(100, 110));
    Files.deleteIfExists(Path.of(old.path()));
    return second;
  }

  private static void assertOverwritten(
      CheckpointCorruptedException e, PinnedShard shard, Manifest by) {
    assertSame(CheckpointCorruptedException.class, e.getClass());
    assertEquals(shard.path(), e.getFile());
    assertEquals(
        "Shard " + shard.path() + " of write " + shard.writeId() + " is gone: the checkpoint was "
            + "overwritten by write " + by.writeId() + " (and the old shards collected) after "
            + "this read resolved it. Re-run the read to see the new data.",
        e.getMessage());
    assertTrue(ShardToRead.isMissingFile(e.getCause()), "caused by the missing file");
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aShardGoneBetweenSplittingAndReadingIsReportedAsOverwritten(CheckpointFormat format)
      throws Exception {
    PinnedShard shard = pin(write(format, TestRows.orders(0, 10)));
    Manifest[] second = new Manifest[1];
    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () ->
                ShardReads.readEachSplit(
                    format,
                    TestRows.ORDER,
                    TestRows.ORDER,
                    shard,
                    () -> second[0] = overwriteAndCollect(format, shard)));
    assertOverwritten(e, shard, second[0]);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aShardGoneBeforeItIsOpenedIsReportedAsOverwritten(CheckpointFormat format)
      throws Exception {
    PinnedShard shard = pin(write(format, TestRows.orders(0, 10)));
    Manifest second = overwriteAndCollect(format, shard);
    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () -> ShardReads.readEachSplit(format, TestRows.ORDER, TestRows.ORDER, shard));
    assertOverwritten(e, shard, second);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aShardGoneWhileItsManifestIsStillLiveIsReportedAsMissing(CheckpointFormat format)
      throws Exception {
    PinnedShard shard = pin(write(format, TestRows.orders(0, 10)));
    Files.delete(Path.of(shard.path()));
    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () -> ShardReads.readEachSplit(format, TestRows.ORDER, TestRows.ORDER, shard));
    assertSame(CheckpointCorruptedException.class, e.getClass());
    assertEquals(
        "Shard " + shard.path() + " listed by manifest " + shard.manifestPath() + " is missing. "
            + "The checkpoint is damaged; re-run the write that produces it.",
        e.getMessage());
    assertTrue(ShardToRead.isMissingFile(e.getCause()), "caused by the missing file");
  }
}
