package org.checkpointio;

import java.io.IOException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.checkpointio.cleanup.DeleteProgress;
import org.checkpointio.cleanup.DeleteScopeTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline and waits for it, deleting its RUN tree afterwards whatever the outcome, for
 * launchers that wait for their jobs (DirectRunner, local Flink or Spark, Dataflow with
 * waiting). A pipeline that fails never reaches its own cleanup stage; this is the {@code
 * finally} that does it. The CORRELATION tree is kept, so a retry of the workflow run can reuse
 * its checkpoints.
 */
public final class CheckpointLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointLauncher.class);

  private CheckpointLauncher() {}

  /**
   * Runs {@code pipeline} to completion, then deletes {@code context}'s RUN tree.
   *
   * @return the result of a pipeline that finished in state DONE
   * @throws RuntimeException the pipeline's own failure, rethrown after the RUN tree is deleted;
   *     or {@link IllegalStateException} if it finished in another state (such as CANCELLED)
   */
  public static PipelineResult run(Pipeline pipeline, CheckpointContext context) {
    Throwable failure = null;
    try {
      PipelineResult result = pipeline.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException(
            "Pipeline finished in state " + state + " (run " + context.runId() + ")");
      }
      return result;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      deleteRunTree(context, failure);
    }
  }

  private static void deleteRunTree(CheckpointContext context, Throwable failure) {
    try {
      DeleteScopeTree.deleteTreeOutsidePipeline(
          context.tree(CheckpointScope.RUN), DeleteProgress.NONE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not delete the RUN tree of run {}", context.runId(), e);
      if (failure != null) {
        failure.addSuppressed(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
