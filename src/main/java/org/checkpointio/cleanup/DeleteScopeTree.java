package org.checkpointio.cleanup;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.DeleteProgress;
import org.checkpointio.DeletedTree;
import org.checkpointio.layout.ScopeTree;

/**
 * Cleanup's step: deletes one scope tree ({@link ScopeTrees#delete}) and counts what it did in
 * Beam metrics. Files that cannot be deleted fail the bundle only when asked to; otherwise they
 * are logged and counted.
 */
public final class DeleteScopeTree extends DoFn<ScopeTree, DeletedTree> {
  private final boolean failOnError;

  public DeleteScopeTree(boolean failOnError) {
    this.failOnError = failOnError;
  }

  @ProcessElement
  public void process(@Element ScopeTree tree, OutputReceiver<DeletedTree> out)
      throws IOException, InterruptedException {
    DeletedTree result =
        ScopeTrees.delete(tree, DeleteProgress.NONE, DeletionCounter.BEAM_METRICS);
    if (result.getFailures() > 0 && failOnError) {
      throw new IOException(
          String.format(
              "Cleanup of %s left %d of %d files undeleted (see the log for each file)",
              result.getDirectory(), result.getFailures(), result.getFailures() + result.getFilesDeleted()));
    }
    out.output(result);
  }
}
