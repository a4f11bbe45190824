package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.ShardFile;

/**
 * Runner-determined sharding: each bundle writes its rows into one temporary shard file, and
 * emits that file's description when the bundle finishes. No row is shuffled. A bundle that
 * fails or is retried leaves at most an unlisted file in the temporary directory, which the
 * commit removes.
 */
final class WriteBundlesToTempFiles extends DoFn<Row, ShardFile> {
  private final CheckpointPaths paths;
  private final String writeId;
  private final ShardFormat format;
  private final Schema schema;
  private transient @Nullable TempShardFile shard;

  WriteBundlesToTempFiles(
      CheckpointPaths paths, String writeId, ShardFormat format, Schema schema) {
    this.paths = paths;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
  }

  @StartBundle
  public void startBundle() {
    shard = null;
  }

  @ProcessElement
  public void process(@Element Row row) throws IOException {
    if (shard == null) {
      shard = TempShardFile.create(paths.tempDirectory(writeId), format, schema);
    }
    shard.write(row);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) throws IOException {
    if (shard != null) {
      ShardFile written = shard.finish();
      shard = null;
      context.output(written, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }
}
