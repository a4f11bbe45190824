package org.checkpointio.providers;

import com.google.auto.service.AutoService;
import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldDescription;
import org.apache.beam.sdk.schemas.transforms.SchemaTransform;
import org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider;
import org.apache.beam.sdk.schemas.transforms.TypedSchemaTransformProvider;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointIO;

/**
 * {@link CheckpointIO#read(String)} as a schema transform: outputs, on {@code output}, the rows of
 * a checkpoint an earlier job committed, with its stored schema (or the projection of it to {@code
 * columns}). Beam YAML name: {@code ReadFromCheckpoint}.
 *
 * <p>As in Java, the read resolves the checkpoint when the pipeline is built (here: when the
 * transform is expanded), RUN scope first, then CORRELATION scope if a {@code correlation_id} is
 * given, and fails with {@link org.checkpointio.CheckpointNotFoundException} if neither has one.
 * So it reads what an earlier pipeline wrote, not a write of the same pipeline.
 */
@AutoService(SchemaTransformProvider.class)
public class CheckpointReadSchemaTransformProvider
    extends TypedSchemaTransformProvider<CheckpointReadSchemaTransformProvider.Configuration> {
  /** The identifier the provider is registered under. */
  public static final String IDENTIFIER =
      "beam:schematransform:org.checkpointio:checkpoint_read:v1";

  static final String YAML_NAME = "ReadFromCheckpoint";
  static final String OUTPUT = "output";

  /** The read's configuration; field names reach YAML and Python in snake_case. */
  @DefaultSchema(AutoValueSchema.class)
  @AutoValue
  public abstract static class Configuration implements Serializable {
    @SchemaFieldDescription(
        "Root of the checkpoints: a local directory or a URI of a Beam file system on the"
            + " expansion service's classpath (gs://, s3://, hdfs://).")
    public abstract String getRoot();

    @SchemaFieldDescription("Name of the checkpoint to read.")
    public abstract String getName();

    @SchemaFieldDescription("Run id whose RUN tree is looked in first.")
    public abstract String getRunId();

    @SchemaFieldDescription(
        "Correlation id whose CORRELATION tree is looked in when the RUN tree has no such"
            + " checkpoint; unset: RUN scope only.")
    public abstract @Nullable String getCorrelationId();

    @SchemaFieldDescription(
        "Fields to read: top-level names or dotted paths into nested rows ('customer.city');"
            + " unset: every field.")
    public abstract @Nullable List<String> getColumns();

    /** A builder, for Java callers and tests. */
    public static Builder builder() {
      return new AutoValue_CheckpointReadSchemaTransformProvider_Configuration.Builder();
    }

    /** Builds a {@link Configuration}. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setRoot(String root);

      public abstract Builder setName(String name);

      public abstract Builder setRunId(String runId);

      public abstract Builder setCorrelationId(@Nullable String correlationId);

      public abstract Builder setColumns(@Nullable List<String> columns);

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
        + ": reads a CheckpointIO checkpoint committed by an earlier job, looking in"
        + " {root}/runs/{run_id}/{name}/ first, then in"
        + " {root}/correlations/{correlation_id}/{name}/. Outputs its rows with the stored schema,"
        + " or only the given columns.";
  }

  @Override
  public List<String> inputCollectionNames() {
    return List.of();
  }

  @Override
  public List<String> outputCollectionNames() {
    return List.of(OUTPUT);
  }

  @Override
  protected SchemaTransform from(Configuration configuration) {
    return new ReadSchemaTransform(read(configuration));
  }

  /** The read the configuration describes; every value is checked here. */
  static CheckpointIO.Read read(Configuration configuration) {
    try {
      CheckpointIO.Read read =
          CheckpointIO.read(configuration.getName())
              .from(
                  ConfigurationValues.context(
                      configuration.getRoot(),
                      configuration.getRunId(),
                      configuration.getCorrelationId()));
      List<String> columns = configuration.getColumns();
      if (columns != null) {
        if (columns.isEmpty()) {
          throw new IllegalArgumentException(
              "columns must name at least one field, or be left unset to read every field");
        }
        read = read.withProjection(columns.toArray(String[]::new));
      }
      return read;
    } catch (IllegalArgumentException e) {
      throw ConfigurationValues.rejected(YAML_NAME, e);
    }
  }

  /** Applies the read at the pipeline's start. */
  private static final class ReadSchemaTransform extends SchemaTransform {
    private final CheckpointIO.Read read;

    ReadSchemaTransform(CheckpointIO.Read read) {
      this.read = read;
    }

    @Override
    public PCollectionRowTuple expand(PCollectionRowTuple input) {
      return PCollectionRowTuple.of(
          OUTPUT, input.getPipeline().begin().apply("ReadCheckpoint", read));
    }
  }
}
