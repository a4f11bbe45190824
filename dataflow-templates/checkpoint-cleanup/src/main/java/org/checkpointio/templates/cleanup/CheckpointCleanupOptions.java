package org.checkpointio.templates.cleanup;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * The parameters of the checkpoint-cleanup Flex Template; {@code metadata.json} declares exactly
 * these, with these descriptions as help text, these defaults, and types that match these Java
 * types. At least one of runId, correlationId and olderThan must be given.
 */
public interface CheckpointCleanupOptions extends PipelineOptions {
  @Description(
      "Cloud Storage URI under which the pipelines write checkpoints, e.g."
          + " gs://my-bucket/checkpoints.")
  @Validation.Required
  String getCheckpointRoot();

  void setCheckpointRoot(String root);

  @Description(
      "Run id whose tree {checkpointRoot}/runs/{runId}/ is deleted, e.g. the run id of a failed"
          + " final attempt. Optional.")
  String getRunId();

  void setRunId(String runId);

  @Description(
      "Correlation id whose tree {checkpointRoot}/correlations/{correlationId}/ is deleted, e.g."
          + " after the final attempt of a workflow run failed. Optional.")
  String getCorrelationId();

  void setCorrelationId(String correlationId);

  @Description(
      "Sweep: delete every run and correlation tree under the root whose newest file is older"
          + " than this age, a whole number and a unit s, m, h or d (e.g. 72h, 7d), at least 1h"
          + " unless force is true. Optional.")
  String getOlderThan();

  void setOlderThan(String age);

  @Description(
      "true to only log what would be deleted, with file counts and sizes, and delete nothing."
          + " Default: false.")
  @Default.Boolean(false)
  boolean getDryRun();

  void setDryRun(boolean dryRun);

  @Description(
      "true to let olderThan be under 1h, the sweep's minimum age: for a root no pipeline writes to"
          + " while the sweep runs, since a running write's files may be that young. Trees with a"
          + " write in progress are kept regardless. Default: false.")
  @Default.Boolean(false)
  boolean getForce();

  void setForce(boolean force);
}
