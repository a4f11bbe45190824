package org.checkpointio.cleanup;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointTree;
import org.checkpointio.DeleteProgress;
import org.checkpointio.SweptTree;
import org.joda.time.Duration;

/**
 * The TTL sweep's second step: sweeps one listed tree if it expired ({@link
 * ScopeTrees#sweepIfExpired}), counting deletions in Beam metrics.
 */
public final class SweepExpiredTree extends DoFn<CheckpointTree, SweptTree> {
  private final String root;
  private final Duration maxAge;
  private final boolean dryRun;

  SweepExpiredTree(String root, Duration maxAge, boolean dryRun) {
    this.root = root;
    this.maxAge = maxAge;
    this.dryRun = dryRun;
  }

  @ProcessElement
  public void process(@Element CheckpointTree tree, OutputReceiver<SweptTree> out)
      throws IOException, InterruptedException {
    ScopeTrees.sweepIfExpired(
            root, tree, maxAge, dryRun, DeleteProgress.NONE, DeletionCounter.BEAM_METRICS)
        .ifPresent(out::output);
  }
}
