package org.checkpointio.write;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

/**
 * Writes rows as shards, then commits them: Beam's file writing (temporary files, finalize,
 * rename) puts the shards in place, each is described, and one {@link CommitManifest} step
 * commits the list.
 */
public final class WriteCheckpoint extends PTransform<PCollection<Row>, PCollection<Manifest>> {
  private final CheckpointPaths paths;
  private final CheckpointFormat format;
  private final ShardFormat shardFormat;
  private final String writeId;
  private final int numShards;
  private final boolean append;

  /** Writes {@code format} shards with the settings of {@code shardFormat}. */
  public WriteCheckpoint(
      CheckpointPaths paths,
      CheckpointFormat format,
      ShardFormat shardFormat,
      String writeId,
      int numShards,
      boolean append) {
    this.paths = paths;
    this.append = append;
    this.format = format;
    this.shardFormat = shardFormat;
    this.writeId = writeId;
    this.numShards = numShards;
  }

  @Override
  public PCollection<Manifest> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    FileIO.Write<Void, Row> write =
        FileIO.<Row>write()
            .via(shardFormat.newSink(schema))
            .to(paths.directory().toString())
            .withTempDirectory(paths.tempDirectory(writeId).toString())
            .withNaming(new ShardNaming(writeId, shardFormat.fileSuffix()));
    if (numShards > 0) {
      write = write.withNumShards(numShards);
    }
    return rows.apply("GlobalWindow", Window.into(new GlobalWindows()))
        .apply("WriteShards", write)
        .getPerDestinationOutputFilenames()
        .apply("ShardPaths", Values.create())
        .apply("DescribeShards", ParDo.of(new DescribeShard(shardFormat)))
        .setCoder(SerializableCoder.of(ShardFile.class))
        .apply("CollectShards", Combine.globally(new CollectShards()))
        .setCoder(ListCoder.of(SerializableCoder.of(ShardFile.class)))
        .apply("CommitManifest", ParDo.of(new CommitManifest(paths, writeId, format, schema, append)))
        .setCoder(SerializableCoder.of(Manifest.class));
  }

  /** Gathers the (small) shard descriptions into one list; empty when the input was empty. */
  static final class CollectShards
      extends Combine.CombineFn<ShardFile, List<ShardFile>, List<ShardFile>> {
    @Override
    public List<ShardFile> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<ShardFile> addInput(List<ShardFile> accumulator, ShardFile shard) {
      accumulator.add(shard);
      return accumulator;
    }

    @Override
    public List<ShardFile> mergeAccumulators(Iterable<List<ShardFile>> accumulators) {
      List<ShardFile> merged = new ArrayList<>();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<ShardFile> extractOutput(List<ShardFile> accumulator) {
      return accumulator;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<List<ShardFile>> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry,
        org.apache.beam.sdk.coders.Coder<ShardFile> inputCoder) {
      return ListCoder.of(inputCoder);
    }
  }
}
