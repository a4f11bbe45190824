package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.manifest.ShardFile;

/**
 * Fixed sharding: writes the rows grouped under one shard number into one temporary shard file,
 * iterating the group as the runner hands it over.
 */
final class WriteGroupsToTempFiles extends DoFn<KV<Integer, Iterable<Row>>, ShardFile> {
  private final TempShardFiles files;

  WriteGroupsToTempFiles(TempShardFiles files) {
    this.files = files;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<Row>> group, OutputReceiver<ShardFile> out)
      throws IOException {
    TempShardFile shard = files.create();
    for (Row row : group.getValue()) {
      shard.write(row);
    }
    out.output(shard.finish());
  }
}
