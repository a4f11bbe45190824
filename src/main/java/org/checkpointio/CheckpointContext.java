package org.checkpointio;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;

/**
 * Where a pipeline's checkpoints live: the root URI, this run's id and, optionally, the
 * correlation id shared by all attempts of one workflow run.
 *
 * <p>Ids are checked when the context is made: each must encode to one path segment (see {@link
 * PathSegment}). The root is checked when a transform using it is applied.
 */
@AutoValue
public abstract class CheckpointContext implements Serializable {

  /**
   * Any Beam file system URI: a local path, {@code gs://}, {@code s3://}, {@code hdfs://}. A local
   * {@code file:} URI given when the context was made ({@code file:///data/x}, {@code
   * file:/data/x}) is its path here ({@code /data/x}); see {@link ScopeTree#normalizedRoot}.
   */
  public abstract String root();

  public abstract String runId();

  public abstract @Nullable String correlationId();

  /**
   * A context with no correlation id (RUN scope only).
   *
   * @throws IllegalArgumentException if the root is missing or a {@code file:} URI of another
   *     host, or the run id is not a valid segment
   */
  public static CheckpointContext of(String root, String runId) {
    return create(root, runId, null);
  }

  /** This context with a correlation id, which CORRELATION-scoped checkpoints need. */
  public CheckpointContext withCorrelationId(String correlationId) {
    return create(root(), runId(), correlationId);
  }

  /**
   * The context carried by {@link CheckpointOptions} ({@code --checkpointRoot}, {@code
   * --checkpointRunId}, {@code --checkpointCorrelationId}).
   */
  public static CheckpointContext fromOptions(PipelineOptions options) {
    CheckpointOptions checkpoint = options.as(CheckpointOptions.class);
    return create(
        checkpoint.getCheckpointRoot(),
        checkpoint.getCheckpointRunId(),
        checkpoint.getCheckpointCorrelationId());
  }

  private static CheckpointContext create(
      @Nullable String root, String runId, @Nullable String correlationId) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid checkpoint root '%s': no root is set. Pass --checkpointRoot=gs://bucket/path "
                  + "(or s3://..., or a local directory) or use CheckpointContext.of(root, runId).",
              root));
    }
    PathSegment.encode("runId", runId);
    if (correlationId != null) {
      PathSegment.encode("correlationId", correlationId);
    }
    return new AutoValue_CheckpointContext(ScopeTree.normalizedRoot(root), runId, correlationId);
  }

  /**
   * The directory of one scope of this context.
   *
   * @throws IllegalArgumentException for CORRELATION scope when there is no correlation id
   */
  public ScopeTree tree(CheckpointScope scope) {
    if (scope == CheckpointScope.RUN) {
      return ScopeTree.of(root(), scope, runId());
    }
    if (correlationId() == null) {
      throw new IllegalArgumentException(
          "CORRELATION scope needs a correlation id, and this context has none (correlationId is"
              + " null). Pass --checkpointCorrelationId=<id shared by all attempts> or use"
              + " CheckpointContext.withCorrelationId(id); or write in RUN scope.");
    }
    return ScopeTree.of(root(), scope, correlationId());
  }

  /** The paths of checkpoint {@code name} in {@code scope}. */
  public CheckpointPaths paths(CheckpointScope scope, String name) {
    return tree(scope).checkpoint(name);
  }
}
