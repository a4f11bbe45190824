package org.checkpointio.write;

import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.checkpointio.layout.CheckpointPaths;

/** Names shards {@code part-{writeId}-{shard}-of-{count}{suffix}}. */
final class ShardNaming implements FileIO.Write.FileNaming {
  private final String writeId;
  private final String suffix;

  ShardNaming(String writeId, String suffix) {
    this.writeId = writeId;
    this.suffix = suffix;
  }

  @Override
  public String getFilename(
      BoundedWindow window, PaneInfo pane, int numShards, int shardIndex, Compression compression) {
    return CheckpointPaths.shardFileName(writeId, shardIndex, numShards, suffix);
  }
}
