package org.checkpointio;

import java.util.UUID;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Command-line parameters that make a {@link CheckpointContext}: {@code --checkpointRoot}, {@code
 * --checkpointRunId}, {@code --checkpointCorrelationId}, {@code --checkpointFormat}.
 *
 * <p>Every name starts with {@code checkpoint}, so that they do not collide with a pipeline's own
 * options (a {@code --runId} of its own, with a default of its own, is common). They are
 * registered ({@link CheckpointOptionsRegistrar}): any options interface accepts them, without
 * extending this one.
 */
public interface CheckpointOptions extends PipelineOptions {

  @Description(
      "Root URI under which checkpoints are written: a local directory, gs://bucket/path, "
          + "s3://bucket/path or hdfs://...")
  String getCheckpointRoot();

  void setCheckpointRoot(String root);

  @Description("Id of this run; RUN-scoped checkpoints live under {root}/runs/{runId}/. "
      + "Default: a fresh random UUID.")
  @Default.InstanceFactory(RandomRunId.class)
  String getCheckpointRunId();

  void setCheckpointRunId(String runId);

  @Description(
      "Id shared by every attempt of one workflow run; CORRELATION-scoped checkpoints live under "
          + "{root}/correlations/{correlationId}/ and survive a failed attempt.")
  String getCheckpointCorrelationId();

  void setCheckpointCorrelationId(String correlationId);

  @Description(
      "File format of checkpoints written without an explicit withFormat(...): PARQUET (default) "
          + "or ARROW (Arrow IPC files).")
  @Default.Enum("PARQUET")
  CheckpointFormat getCheckpointFormat();

  void setCheckpointFormat(CheckpointFormat format);

  /** A fresh UUID per pipeline options instance. */
  class RandomRunId implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      return UUID.randomUUID().toString();
    }
  }
}
