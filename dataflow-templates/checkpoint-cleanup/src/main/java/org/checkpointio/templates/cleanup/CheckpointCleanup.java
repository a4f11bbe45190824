package org.checkpointio.templates.cleanup;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;
import org.checkpointio.TreeAge;
import org.checkpointio.templates.TemplateLocations;
import org.joda.time.Duration;

/**
 * The checkpoint-cleanup Flex Template: what an orchestrator runs after a failed final attempt, or
 * on a schedule. It deletes one run's tree and/or one correlation's tree with {@link
 * CheckpointIO#cleanup}, and/or sweeps every tree older than an age with {@link
 * CheckpointIO#sweep}. With {@code --dryRun=true} it logs what would go and deletes nothing. The
 * root is a gs:// URI ({@link TemplateLocations}).
 *
 * <pre>
 * --checkpointRoot=gs://bucket/checkpoints --correlationId=daily/2026-11-23
 * --checkpointRoot=gs://bucket/checkpoints --olderThan=72h --dryRun=true
 * --checkpointRoot=gs://bucket/scratch --olderThan=30m --force=true
 * </pre>
 */
public final class CheckpointCleanup {
  private CheckpointCleanup() {}

  /** Builds and starts the job; a Flex Template launcher must not wait for it. */
  public static void main(String[] args) {
    run(args);
  }

  /** Starts the job and returns its result (the DirectRunner returns once it finished). */
  public static PipelineResult run(String... args) {
    CheckpointCleanupOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(CheckpointCleanupOptions.class);
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, options);
    return pipeline.run();
  }

  /**
   * Adds the deletions the options ask for.
   *
   * @throws IllegalArgumentException if the root is not a gs:// URI (a local path is taken on the
   *     DirectRunner only), they ask for none, an id or the age is malformed, or the age is under
   *     the sweep's minimum (1h) without force
   */
  static void build(Pipeline pipeline, CheckpointCleanupOptions options) {
    String root = options.getCheckpointRoot();
    TemplateLocations.checkServed("checkpointRoot", root, "gs://my-bucket/checkpoints", options);
    List<CheckpointScope> scopes = new ArrayList<>();
    if (options.getRunId() != null) {
      scopes.add(CheckpointScope.RUN);
    }
    if (options.getCorrelationId() != null) {
      scopes.add(CheckpointScope.CORRELATION);
    }
    if (scopes.isEmpty() && options.getOlderThan() == null) {
      throw new IllegalArgumentException(
          "checkpoint-cleanup has nothing to delete: pass runId, correlationId or olderThan"
              + " (e.g. --olderThan=72h)");
    }
    if (!scopes.isEmpty()) {
      // Without a runId, this job's own fresh run id: only the scopes asked for are touched.
      String runId = options.getRunId() != null ? options.getRunId() : UUID.randomUUID().toString();
      CheckpointContext context = CheckpointContext.of(root, runId);
      if (options.getCorrelationId() != null) {
        context = context.withCorrelationId(options.getCorrelationId());
      }
      if (options.getDryRun()) {
        List<KV<String, String>> trees = new ArrayList<>();
        for (CheckpointScope scope : scopes) {
          trees.add(
              KV.of(
                  scope.name(),
                  scope == CheckpointScope.RUN ? context.runId() : context.correlationId()));
        }
        pipeline
            .apply(
                "Trees",
                Create.of(trees).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply("ReportTrees", ParDo.of(new ReportTree(root)));
      } else {
        pipeline.apply(
            "Cleanup",
            CheckpointIO.cleanup(context).withScopes(scopes.toArray(new CheckpointScope[0])));
      }
    }
    if (options.getOlderThan() != null) {
      Duration age = TreeAge.parse(options.getOlderThan());
      CheckpointStore.checkSweepAge(age, options.getForce(), "force=true");
      pipeline.apply(
          "Sweep",
          CheckpointIO.sweep(root)
              .olderThan(age)
              .withDryRun(options.getDryRun())
              .withForce(options.getForce()));
    }
  }
}
