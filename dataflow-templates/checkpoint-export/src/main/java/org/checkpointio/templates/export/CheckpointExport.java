package org.checkpointio.templates.export;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.ToJson;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.templates.TemplateLocations;

/**
 * The checkpoint-export Flex Template: reads checkpoint {@code checkpointName} by name (RUN scope
 * of {@code runId} first, then CORRELATION scope of {@code correlationId}) and writes it as a
 * permanent dataset under {@code outputPrefix}: Parquet, CSV or JSON lines, in files named {@code
 * {prefix}-{shard}-of-{count}{suffix}}. The checkpoint itself is left as it is. It reads PARQUET
 * and ARROW checkpoints alike: it opens {@code java.nio} to Arrow on the workers itself ({@link
 * ArrowOnWorkers}). Root and prefix are gs:// URIs ({@link TemplateLocations}).
 *
 * <pre>
 * --checkpointRoot=gs://bucket/checkpoints --correlationId=daily/2026-11-23
 * --checkpointName=orders --outputPrefix=gs://bucket/exports/orders/orders --outputFormat=PARQUET
 * </pre>
 */
public final class CheckpointExport {
  private CheckpointExport() {}

  /** Builds and starts the job; a Flex Template launcher must not wait for it. */
  public static void main(String[] args) {
    run(args);
  }

  /** Starts the job and returns its result (the DirectRunner returns once it finished). */
  public static PipelineResult run(String... args) {
    CheckpointExportOptions options = options(args);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  /**
   * The parsed and validated parameters, with {@link ArrowOnWorkers#JAVA_NIO} added to {@code
   * --jdkAddOpenModules}, since the checkpoint may be ARROW.
   */
  static CheckpointExportOptions options(String... args) {
    CheckpointExportOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(CheckpointExportOptions.class);
    ArrowOnWorkers.openJavaNio(options);
    return options;
  }

  /**
   * Adds the read and the dataset write.
   *
   * @throws org.checkpointio.CheckpointNotFoundException if neither scope has the checkpoint
   * @throws IllegalArgumentException for a root or prefix that is not a gs:// URI (a local path is
   *     taken on the DirectRunner only), an invalid id, or a schema the format cannot hold
   */
  static void build(Pipeline pipeline, CheckpointExportOptions options) {
    TemplateLocations.checkServed(
        "checkpointRoot", options.getCheckpointRoot(), "gs://my-bucket/checkpoints", options);
    TemplateLocations.checkServed(
        "outputPrefix", options.getOutputPrefix(), "gs://my-bucket/exports/orders/orders", options);
    CheckpointContext context =
        CheckpointContext.of(options.getCheckpointRoot(), options.getRunId());
    if (options.getCorrelationId() != null) {
      context = context.withCorrelationId(options.getCorrelationId());
    }
    PCollection<Row> rows =
        pipeline.apply(
            "ReadCheckpoint", CheckpointIO.read(options.getCheckpointName()).from(context));
    Schema schema = rows.getSchema();
    ExportFormat format = options.getOutputFormat();
    switch (format) {
      case PARQUET:
        FileIO.Sink<Row> parquet = CheckpointIO.fileSink(CheckpointFormat.PARQUET, schema);
        rows.apply("WriteParquet", files(options, FileIO.<Row>write().via(parquet)));
        break;
      case CSV:
        CsvRowSink.checkFlat(schema);
        rows.apply("WriteCsv", files(options, FileIO.<Row>write().via(new CsvRowSink(schema))));
        break;
      case JSON:
        rows.apply("ToJson", ToJson.of())
            .apply("WriteJsonLines", files(options, FileIO.<String>write().via(TextIO.sink())));
        break;
    }
  }

  /** Where and how many: {@code {directory}/{prefix}-SSSSS-of-NNNNN{suffix}}. */
  private static <T> FileIO.Write<Void, T> files(
      CheckpointExportOptions options, FileIO.Write<Void, T> write) {
    ResourceId prefix = FileSystems.matchNewResource(options.getOutputPrefix(), false);
    FileIO.Write<Void, T> named =
        write
            .to(prefix.getCurrentDirectory().toString())
            .withPrefix(prefix.getFilename())
            .withSuffix(options.getOutputFormat().suffix());
    return options.getNumShards() > 0 ? named.withNumShards(options.getNumShards()) : named;
  }
}
