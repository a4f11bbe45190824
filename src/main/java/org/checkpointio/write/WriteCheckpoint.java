package org.checkpointio.write;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

/**
 * Writes rows as shards, then commits them: rows go into temporary shard files, one step names
 * them, and one {@link CommitManifest} step moves them into place and commits the list.
 *
 * <p>With runner-determined sharding ({@code numShards} 0) each bundle writes one file and no row
 * is shuffled, on every runner. Beam's {@code WriteFiles} is not used for that, because the
 * DirectRunner replaces its unsharded write with a GroupByKey of every row, which holds the whole
 * collection in memory. A fixed number of shards groups the rows by shard number.
 */
public final class WriteCheckpoint extends PTransform<PCollection<Row>, PCollection<Manifest>> {
  private final CheckpointPaths paths;
  private final CheckpointFormat format;
  private final ShardFormat shardFormat;
  private final String writeId;
  private final int numShards;
  private final WriteSettings settings;

  /** Writes {@code format} shards with the settings of {@code shardFormat}. */
  public WriteCheckpoint(
      CheckpointPaths paths,
      CheckpointFormat format,
      ShardFormat shardFormat,
      String writeId,
      int numShards,
      WriteSettings settings) {
    this.paths = paths;
    this.settings = settings;
    this.format = format;
    this.shardFormat = shardFormat;
    this.writeId = writeId;
    this.numShards = numShards;
  }

  @Override
  public PCollection<Manifest> expand(PCollection<Row> rows) {
    Schema schema = rows.getSchema();
    TempShardFiles files = new TempShardFiles(paths, writeId, shardFormat, schema);
    // Shards span windows; rows already in the default global window skip the re-windowing step.
    PCollection<Row> global =
        rows.getWindowingStrategy().equals(WindowingStrategy.globalDefault())
            ? rows
            : rows.apply("GlobalWindow", Window.into(new GlobalWindows()));
    PCollection<ShardFile> written;
    if (numShards > 0) {
      written =
          global
              .apply("AssignShards", ParDo.of(new AssignShards(numShards)))
              .setCoder(KvCoder.of(VarIntCoder.of(), rows.getCoder()))
              .apply("GroupByShard", GroupByKey.create())
              .apply(
                  "WriteShards",
                  ParDo.of(new WriteGroupsToTempFiles(files)));
    } else {
      written =
          global.apply(
              "WriteShards",
              ParDo.of(new WriteBundlesToTempFiles(files)));
    }
    return written
        .setCoder(SerializableCoder.of(ShardFile.class))
        .apply("CollectShards", Combine.globally(new CollectShards()))
        .setCoder(ListCoder.of(SerializableCoder.of(ShardFile.class)))
        .apply("FinalizeShards", ParDo.of(new FinalizeShards(files, numShards)))
        .setCoder(ListCoder.of(SerializableCoder.of(PlannedShard.class)))
        .apply(
            "CommitManifest",
            ParDo.of(new CommitManifest(paths, files, writeId, format, schema, settings)))
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
