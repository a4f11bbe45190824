package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.manifest.ShardFile;

/** Turns a finished shard's path into its manifest entry: name, rows (from the file), bytes. */
final class DescribeShard extends DoFn<String, ShardFile> {
  private final ShardFormat format;

  DescribeShard(ShardFormat format) {
    this.format = format;
  }

  @ProcessElement
  public void process(@Element String path, OutputReceiver<ShardFile> out) throws IOException {
    MatchResult.Metadata metadata = FileSystems.matchSingleFileSpec(path);
    ResourceId file = metadata.resourceId();
    out.output(ShardFile.of(file.getFilename(), format.countRows(file), metadata.sizeBytes()));
  }
}
