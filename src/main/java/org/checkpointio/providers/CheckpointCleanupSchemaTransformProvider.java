package org.checkpointio.providers;

import com.google.auto.service.AutoService;
import com.google.auto.value.AutoValue;
import java.io.Serializable;
import java.util.ArrayList;
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
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.DeletedTree;

/**
 * {@link CheckpointIO#cleanup} as a schema transform: deletes the RUN tree of {@code run_id}
 * and/or the CORRELATION tree of {@code correlation_id}, after every element of its optional
 * {@code input} (a signal, such as a write's {@code output}) is done. Outputs, on {@code output},
 * one row per tree ({@link #DELETED_SCHEMA}). Beam YAML name: {@code CheckpointCleanup}.
 *
 * <p>It never deletes outside those trees, a missing tree is no error, and files it cannot delete
 * are counted in the {@code failures} field (and fail the pipeline with {@code
 * fail_on_error: true}), as {@link CheckpointIO.Cleanup} does.
 */
@AutoService(SchemaTransformProvider.class)
public class CheckpointCleanupSchemaTransformProvider
    extends TypedSchemaTransformProvider<CheckpointCleanupSchemaTransformProvider.Configuration> {
  /** The identifier the provider is registered under. */
  public static final String IDENTIFIER =
      "beam:schematransform:org.checkpointio:checkpoint_cleanup:v1";

  static final String YAML_NAME = "CheckpointCleanup";
  static final String INPUT = "input";
  static final String OUTPUT = "output";

  /** What the cleanup outputs for each tree. */
  public static final Schema DELETED_SCHEMA =
      Schema.builder()
          .addStringField("directory")
          .addInt64Field("files_deleted")
          .addInt64Field("bytes_deleted")
          .addInt64Field("failures")
          .build();

  /** The cleanup's configuration; field names reach YAML and Python in snake_case. */
  @DefaultSchema(AutoValueSchema.class)
  @AutoValue
  public abstract static class Configuration implements Serializable {
    @SchemaFieldDescription("Root of the checkpoints, as given to the writes.")
    public abstract String getRoot();

    @SchemaFieldDescription(
        "Trees to delete: RUN, CORRELATION or both; default [RUN]. RUN needs run_id and"
            + " CORRELATION needs correlation_id.")
    public abstract @Nullable List<String> getScopes();

    @SchemaFieldDescription("Run id whose tree {root}/runs/{run_id}/ RUN scope deletes.")
    public abstract @Nullable String getRunId();

    @SchemaFieldDescription(
        "Correlation id whose tree {root}/correlations/{correlation_id}/ CORRELATION scope"
            + " deletes.")
    public abstract @Nullable String getCorrelationId();

    @SchemaFieldDescription(
        "Fail the pipeline when a file cannot be deleted after retries; default false: logged"
            + " and counted.")
    public abstract @Nullable Boolean getFailOnError();

    /** A builder, for Java callers and tests. */
    public static Builder builder() {
      return new AutoValue_CheckpointCleanupSchemaTransformProvider_Configuration.Builder();
    }

    /** Builds a {@link Configuration}. */
    @AutoValue.Builder
    public abstract static class Builder {
      public abstract Builder setRoot(String root);

      public abstract Builder setScopes(@Nullable List<String> scopes);

      public abstract Builder setRunId(@Nullable String runId);

      public abstract Builder setCorrelationId(@Nullable String correlationId);

      public abstract Builder setFailOnError(@Nullable Boolean failOnError);

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
        + ": deletes the CheckpointIO trees {root}/runs/{run_id}/ and/or"
        + " {root}/correlations/{correlation_id}/ once its optional input is done; the final"
        + " stage of a pipeline. Outputs one row per tree: directory, files_deleted,"
        + " bytes_deleted, failures.";
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
    return new CleanupSchemaTransform(cleanup(configuration));
  }

  /** The cleanup the configuration describes, without its signal; every value is checked here. */
  static CheckpointIO.Cleanup cleanup(Configuration configuration) {
    try {
      List<String> names =
          configuration.getScopes() == null ? List.of("RUN") : configuration.getScopes();
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            "scopes must name RUN, CORRELATION or both, or be left unset for RUN, but was []");
      }
      List<CheckpointScope> scopes = new ArrayList<>();
      for (String name : names) {
        scopes.add(ConfigurationValues.constant("scopes", name, CheckpointScope.class));
      }
      String runId = configuration.getRunId();
      String correlationId = configuration.getCorrelationId();
      if (scopes.contains(CheckpointScope.RUN) && runId == null) {
        throw new IllegalArgumentException(
            "scopes " + names + " includes RUN, which needs run_id, but run_id is not set");
      }
      if (scopes.contains(CheckpointScope.CORRELATION) && correlationId == null) {
        throw new IllegalArgumentException(
            "scopes "
                + names
                + " includes CORRELATION, which needs correlation_id, but correlation_id is not"
                + " set");
      }
      // A context always has a run id; when RUN is not deleted, the correlation id stands in for
      // it and names no tree that is touched.
      CheckpointContext context =
          ConfigurationValues.context(
              configuration.getRoot(), runId != null ? runId : correlationId, correlationId);
      return CheckpointIO.cleanup(context)
          .withScopes(scopes.toArray(CheckpointScope[]::new))
          .withFailOnError(Boolean.TRUE.equals(configuration.getFailOnError()));
    } catch (IllegalArgumentException e) {
      throw ConfigurationValues.rejected(YAML_NAME, e);
    }
  }

  /** Applies the cleanup after its input, if any, and outputs what it deleted as rows. */
  private static final class CleanupSchemaTransform extends SchemaTransform {
    private final CheckpointIO.Cleanup cleanup;

    CleanupSchemaTransform(CheckpointIO.Cleanup cleanup) {
      this.cleanup = cleanup;
    }

    @Override
    public PCollectionRowTuple expand(PCollectionRowTuple input) {
      CheckpointIO.Cleanup afterSignal =
          input.has(INPUT) ? cleanup.after(input.get(INPUT)) : cleanup;
      PCollection<Row> deleted =
          input
              .getPipeline()
              .begin()
              .apply("CleanupCheckpoints", afterSignal)
              .apply("DeletedAsRows", MapElements.via(new DeletedAsRow()))
              .setRowSchema(DELETED_SCHEMA);
      return PCollectionRowTuple.of(OUTPUT, deleted);
    }
  }

  /** One deleted tree as a row of {@link #DELETED_SCHEMA}. */
  private static final class DeletedAsRow extends SimpleFunction<DeletedTree, Row> {
    @Override
    public Row apply(DeletedTree tree) {
      return Row.withSchema(DELETED_SCHEMA)
          .addValues(
              tree.getDirectory(),
              tree.getFilesDeleted(),
              tree.getBytesDeleted(),
              tree.getFailures())
          .build();
    }
  }
}
