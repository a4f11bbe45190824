package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.manifest.ShardFile;

/**
 * Runner-determined sharding: each bundle writes its rows into one temporary shard file, and
 * emits that file's description when the bundle finishes. No row is shuffled. A bundle that
 * fails or is retried leaves at most an unlisted file in the temporary directory, which the
 * commit removes.
 */
final class WriteBundlesToTempFiles extends DoFn<Row, ShardFile> {
  private final TempShardFiles files;
  private transient @Nullable TempShardFile shard;

  WriteBundlesToTempFiles(TempShardFiles files) {
    this.files = files;
  }

  @StartBundle
  public void startBundle() {
    shard = null;
  }

  @ProcessElement
  public void process(@Element Row row) throws IOException {
    if (shard == null) {
      shard = files.create();
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
