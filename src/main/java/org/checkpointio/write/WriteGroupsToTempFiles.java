package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.ShardFile;

/**
 * Fixed sharding: writes the rows grouped under one shard number into one temporary shard file,
 * iterating the group as the runner hands it over.
 */
final class WriteGroupsToTempFiles extends DoFn<KV<Integer, Iterable<Row>>, ShardFile> {
  private final CheckpointPaths paths;
  private final String writeId;
  private final ShardFormat format;
  private final Schema schema;

  WriteGroupsToTempFiles(CheckpointPaths paths, String writeId, ShardFormat format, Schema schema) {
    this.paths = paths;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<Row>> group, OutputReceiver<ShardFile> out)
      throws IOException {
    TempShardFile shard = TempShardFile.create(paths.tempDirectory(writeId), format, schema);
    for (Row row : group.getValue()) {
      shard.write(row);
    }
    out.output(shard.finish());
  }
}
