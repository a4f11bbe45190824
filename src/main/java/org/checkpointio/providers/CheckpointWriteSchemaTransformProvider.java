package org.checkpointio.providers;

import com.google.auto.service.AutoService;
import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldDescription;
import org.apache.beam.sdk.schemas.transforms.SchemaTransform;
import org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider;
import org.apache.beam.sdk.schemas.transforms.TypedSchemaTransformProvider;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCompression;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointWriteResult;
import org.checkpointio.manifest.Manifest;

/**
 * {@link CheckpointIO#write} as a schema transform: writes its {@code input} rows as a checkpoint
 * and outputs, on {@code output}, one row per commit ({@link #COMMIT_SCHEMA}) once the checkpoint
 * is committed. Beam YAML name: {@code WriteToCheckpoint}.
 *
 * <p>A configuration the write cannot take (a name or id that is no path segment, an unknown
 * scope, format or compression, a value out of range) fails when the transform is made, naming the
 * field and the value. There is no {@code errors} output: a checkpoint commits whole or not at
 * all, so a row that cannot be written fails the write, as in Java.
 */
@AutoService(SchemaTransformProvider.class)
public class CheckpointWriteSchemaTransformProvider
    extends TypedSchemaTransformProvider<CheckpointWriteSchemaTransformProvider.Configuration> {
  /** The identifier the provider is registered under. */
  public static final String IDENTIFIER =
      "beam:schematransform:org.checkpointio:checkpoint_write:v1";

  static final String YAML_NAME = "WriteToCheckpoint";
  static final String INPUT = "input";
  static final String OUTPUT = "output";

  /** What the write outputs for each committed manifest. */
  public static final Schema COMMIT_SCHEMA =
      Schema.builder()
          .addStringField("name")
          .addStringField("scope")
          .addStringField("id")
          .addStringField("write_id")
          .addStringField("format")
          .addInt64Field("version")
          .addBooleanField("append")
          .addInt32Field("shards")
          .addInt64Field("rows")
          .addInt64Field("bytes")
          .build();

  /** The write's configuration; field names reach YAML and Python in snake_case. */
  @DefaultSchema(AutoValueSchema.class)
  @AutoValue
  public abstract static class Configuration implements Serializable {
    @SchemaFieldDescription(
        "Root of the checkpoints: a local directory or a URI of a Beam file system on the"
            + " expansion service's classpath (gs://, s3://, hdfs://).")
    public abstract String getRoot();

    @SchemaFieldDescription("Name of the checkpoint: one directory under the scope's tree.")
    public abstract String getName();

    @SchemaFieldDescription("Id of this run; the RUN tree is {root}/runs/{run_id}/.")
    public abstract String getRunId();

    @SchemaFieldDescription(
        "Id shared by every attempt of one workflow run; CORRELATION scope needs it.")
    public abstract @Nullable String getCorrelationId();

    @SchemaFieldDescription("RUN (default) or CORRELATION.")
    public abstract @Nullable String getScope();

    @SchemaFieldDescription(
        "PARQUET or ARROW; default: the --checkpointFormat pipeline option, itself PARQUET by"
            + " default.")
    public abstract @Nullable String getFormat();

    @SchemaFieldDescription(
        "Add this write's rows to the checkpoint (fan-in) instead of replacing it. Default false.")
    public abstract @Nullable Boolean getAppend();

    @SchemaFieldDescription(
        "With append: drop fields the checkpoint's schema does not have instead of failing."
            + " Default false.")
    public abstract @Nullable Boolean getLenientSchema();

    @SchemaFieldDescription(
        "UNCOMPRESSED, SNAPPY, GZIP or ZSTD for PARQUET (default SNAPPY); UNCOMPRESSED,"
            + " LZ4_FRAME or ZSTD for ARROW (default UNCOMPRESSED).")
    public abstract @Nullable String getCompression();

    @SchemaFieldDescription("A fixed number of shards; 0 or unset lets the runner decide.")
    public abstract @Nullable Integer getNumShards();

    @SchemaFieldDescription("PARQUET only: row-group size in bytes, 64 KiB to 1 GiB.")
    public abstract @Nullable Integer getRowGroupBytes();

    @SchemaFieldDescription("ARROW only: rows per record batch, 1 to 1,048,576.")
    public abstract @Nullable Integer getBatchRows();

    /** A builder, for Java callers and tests. */
    public static Builder builder() {
      return new AutoValue_CheckpointWriteSchemaTransformProvider_Configuration.Builder();
    }

    /** Builds a {@link Configuration}. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setRoot(String root);

      public abstract Builder setName(String name);

      public abstract Builder setRunId(String runId);

      public abstract Builder setCorrelationId(@Nullable String correlationId);

      public abstract Builder setScope(@Nullable String scope);

      public abstract Builder setFormat(@Nullable String format);

      public abstract Builder setAppend(@Nullable Boolean append);

      public abstract Builder setLenientSchema(@Nullable Boolean lenientSchema);

      public abstract Builder setCompression(@Nullable String compression);

      public abstract Builder setNumShards(@Nullable Integer numShards);

      public abstract Builder setRowGroupBytes(@Nullable Integer rowGroupBytes);

      public abstract Builder setBatchRows(@Nullable Integer batchRows);

      public abstract Configuration build();
    }
  }

  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  @Override
  public String description() {
    return YAML_NAME
        + ": writes the input rows as a CheckpointIO checkpoint (sharded Parquet or Arrow IPC"
        + " files committed by a manifest) under {root}/runs/{run_id}/{name}/ or"
        + " {root}/correlations/{correlation_id}/{name}/. Outputs one row per commit: name,"
        + " scope, id, write_id, format, version, append, shards, rows, bytes.";
  }

  @Override
  public List<String> inputCollectionNames() {
    return List.of(INPUT);
  }

  @Override
  public List<String> outputCollectionNames() {
    return List.of(OUTPUT);
  }

  @Override
  protected SchemaTransform from(Configuration configuration) {
    return new WriteSchemaTransform(write(configuration));
  }

  /** The write the configuration describes; every value is checked here. */
  static CheckpointIO.Write write(Configuration configuration) {
    try {
      CheckpointIO.Write write =
          CheckpointIO.write(configuration.getName())
              .to(
                  ConfigurationValues.context(
                      configuration.getRoot(),
                      configuration.getRunId(),
                      configuration.getCorrelationId()));
      if (configuration.getScope() != null) {
        CheckpointScope scope =
            ConfigurationValues.constant("scope", configuration.getScope(), CheckpointScope.class);
        if (scope == CheckpointScope.CORRELATION && configuration.getCorrelationId() == null) {
          throw new IllegalArgumentException(
              "scope CORRELATION needs correlation_id, but correlation_id is not set");
        }
        write = write.withScope(scope);
      }
      if (configuration.getFormat() != null) {
        write =
            write.withFormat(
                ConfigurationValues.constant(
                    "format", configuration.getFormat(), CheckpointFormat.class));
      }
      if (Boolean.TRUE.equals(configuration.getAppend())) {
        write = write.withAppend();
      }
      if (Boolean.TRUE.equals(configuration.getLenientSchema())) {
        write = write.withLenientSchema();
      }
      if (configuration.getCompression() != null) {
        write =
            write.withCompression(
                ConfigurationValues.constant(
                    "compression", configuration.getCompression(), CheckpointCompression.class));
      }
      if (configuration.getNumShards() != null) {
        write = write.withNumShards(configuration.getNumShards());
      }
      if (configuration.getRowGroupBytes() != null) {
        write = write.withRowGroupBytes(configuration.getRowGroupBytes());
      }
      if (configuration.getBatchRows() != null) {
        write = write.withBatchRows(configuration.getBatchRows());
      }
      return write;
    } catch (IllegalArgumentException e) {
      throw ConfigurationValues.rejected(YAML_NAME, e);
    }
  }

  /** Applies the write to {@code input} and outputs its commits as rows. */
  private static final class WriteSchemaTransform extends SchemaTransform {
    private final CheckpointIO.Write write;

    WriteSchemaTransform(CheckpointIO.Write write) {
      this.write = write;
    }

    @Override
    public PCollectionRowTuple expand(PCollectionRowTuple input) {
      if (!input.has(INPUT)) {
        throw new IllegalArgumentException(
            String.format(
                "%s needs its rows on input '%s', but got inputs %s",
                YAML_NAME, INPUT, input.getAll().keySet()));
      }
      CheckpointWriteResult written = input.get(INPUT).apply("WriteCheckpoint", write);
      PCollection<Row> commits =
          written
              .getCommitted()
              .apply("CommitsAsRows", MapElements.via(new CommitAsRow()))
              .setRowSchema(COMMIT_SCHEMA);
      return PCollectionRowTuple.of(OUTPUT, commits);
    }
  }

  /** One committed manifest as a row of {@link #COMMIT_SCHEMA}. */
  private static final class CommitAsRow extends SimpleFunction<Manifest, Row> {
    @Override
    public Row apply(Manifest manifest) {
      return Row.withSchema(COMMIT_SCHEMA)
          .addValues(
              manifest.name(),
              manifest.scope().name(),
              manifest.id(),
              manifest.writeId(),
              manifest.fileFormat().name(),
              manifest.version(),
              manifest.append(),
              manifest.shards().size(),
              manifest.totalRows(),
              manifest.totalBytes())
          .build();
    }
  }
}
