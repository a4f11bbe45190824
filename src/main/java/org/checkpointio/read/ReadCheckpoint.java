package org.checkpointio.read;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;

/**
 * Reads the shards that committed manifests list: each shard is pinned, checked, and read by
 * its format, split below file level (Parquet row groups, Arrow record batches). The output has
 * {@code outputSchema}: the stored schema, or a projection of it whose left-out fields are never
 * decoded.
 */
public final class ReadCheckpoint extends PTransform<PCollection<Manifest>, PCollection<Row>> {
  private final CheckpointPaths paths;
  private final CheckpointFormat format;
  private final Schema schema;
  private final Schema outputSchema;

  public ReadCheckpoint(
      CheckpointPaths paths, CheckpointFormat format, Schema schema, Schema outputSchema) {
    this.paths = paths;
    this.format = format;
    this.schema = schema;
    this.outputSchema = outputSchema;
  }

  @Override
  public PCollection<Row> expand(PCollection<Manifest> manifests) {
    ShardFormats.checkRuntimeOfLocalRun(
        ShardFormats.of(format),
        manifests.getPipeline().getOptions(),
        String.format("CheckpointIO.read(\"%s\")", paths.name()));
    return manifests
        .apply("PinShards", ParDo.of(new PinShards(paths)))
        .setCoder(SerializableCoder.of(PinnedShard.class))
        .apply("SpreadShards", Reshuffle.viaRandomKey())
        .apply("VerifyShards", ParDo.of(new VerifyPinnedShard(paths)))
        .setCoder(SerializableCoder.of(PinnedShard.class))
        .apply(
            "ReadShards",
            ParDo.of(
                ShardFormats.of(format)
                    .newReader(
                        schema,
                        outputSchema,
                        Metrics.counter(
                            CheckpointMetrics.NAMESPACE,
                            CheckpointMetrics.rowsRead(paths.name())))))
        .setRowSchema(outputSchema);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("name", paths.name()).withLabel("Checkpoint name"))
        .add(DisplayData.item("scope", paths.tree().scope().name()).withLabel("Scope"))
        .add(DisplayData.item("format", format.name()).withLabel("File format"))
        .add(DisplayData.item("directory", paths.directory().toString()).withLabel("Directory"));
  }

  /** Emits the shards a manifest lists, each with what the read expects to find. */
  private static final class PinShards extends DoFn<Manifest, PinnedShard> {
    private final CheckpointPaths paths;

    PinShards(CheckpointPaths paths) {
      this.paths = paths;
    }

    @ProcessElement
    public void process(@Element Manifest manifest, OutputReceiver<PinnedShard> out) {
      // One lineage entry per checkpoint, its directory, however many shards it has.
      FileSystems.reportSourceLineage(paths.directory());
      CommittedShards.pin(paths, manifest).forEach(out::output);
    }
  }
}
