package org.checkpointio.cleanup;

import java.io.IOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointTree;

/** The TTL sweep's first step: the trees under a root ({@link ScopeTrees#under}). */
public final class FindScopeTrees extends DoFn<String, CheckpointTree> {
  @ProcessElement
  public void process(@Element String root, OutputReceiver<CheckpointTree> out)
      throws IOException {
    for (CheckpointTree tree : ScopeTrees.under(root)) {
      out.output(tree);
    }
  }
}
