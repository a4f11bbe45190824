package org.checkpointio.write;

import java.io.IOException;
import java.io.Serializable;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;

/**
 * Where and how one write makes its temporary shard files: its directory, format and schema, and
 * the check every row passes before it is written.
 */
final class TempShardFiles implements Serializable {
  private final CheckpointPaths paths;
  private final String writeId;
  private final ShardFormat format;
  private final Schema schema;
  private final NonNullableFieldCheck nonNullable;

  TempShardFiles(CheckpointPaths paths, String writeId, ShardFormat format, Schema schema) {
    this.paths = paths;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
    this.nonNullable = NonNullableFieldCheck.of(paths.name(), schema);
  }

  /** Opens a new temporary shard file. */
  TempShardFile create() throws IOException {
    return TempShardFile.create(paths.tempDirectory(writeId), format, schema, nonNullable);
  }

  /** A temporary file by the name a {@link TempShardFile} reported. */
  ResourceId file(String fileName) {
    return paths.tempDirectory(writeId).resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The final name of shard {@code shard} of {@code count}, in the checkpoint's directory. */
  ResourceId shard(int shard, int count) {
    return paths.file(CheckpointPaths.shardFileName(writeId, shard, count, format.fileSuffix()));
  }
}
