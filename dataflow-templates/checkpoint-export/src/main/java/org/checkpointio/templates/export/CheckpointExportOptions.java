package org.checkpointio.templates.export;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;
import org.checkpointio.CheckpointOptions;

/**
 * The parameters of the checkpoint-export Flex Template; {@code metadata.json} declares exactly
 * these, with these descriptions as help text, these defaults, and types (and for an enum, its
 * constants) that match these Java types.
 */
public interface CheckpointExportOptions extends PipelineOptions {
  @Description(
      "Cloud Storage URI under which the pipelines write checkpoints, e.g."
          + " gs://my-bucket/checkpoints.")
  @Validation.Required
  String getCheckpointRoot();

  void setCheckpointRoot(String root);

  @Description("Name of the checkpoint to export, as given to CheckpointIO.write(name).")
  @Validation.Required
  String getCheckpointName();

  void setCheckpointName(String name);

  @Description(
      "Run id whose RUN-scoped checkpoint is looked up first. Optional; without it only the"
          + " correlation's checkpoint can be found.")
  @Default.InstanceFactory(CheckpointOptions.RandomRunId.class)
  String getRunId();

  void setRunId(String runId);

  @Description(
      "Correlation id whose CORRELATION-scoped checkpoint is looked up when the run has none."
          + " Optional.")
  String getCorrelationId();

  void setCorrelationId(String correlationId);

  @Description(
      "Where the dataset goes: a directory and a file-name prefix, e.g."
          + " gs://my-bucket/exports/orders/orders writes orders-00000-of-00004.parquet and so on.")
  @Validation.Required
  String getOutputPrefix();

  void setOutputPrefix(String prefix);

  @Description(
      "PARQUET (default), CSV (a header line, then one line per row; flat schemas only) or JSON"
          + " (JSON lines: one object per row).")
  @Default.Enum("PARQUET")
  ExportFormat getOutputFormat();

  void setOutputFormat(ExportFormat format);

  @Description("Number of output files; 0 (default) lets the runner decide.")
  @Default.Integer(0)
  int getNumShards();

  void setNumShards(int numShards);
}
