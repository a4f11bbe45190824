package org.checkpointio.templates.cleanup;

import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.cleanup.FindScopeTrees;
import org.checkpointio.cleanup.SweptTree;
import org.checkpointio.layout.ScopeTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A dry run of one tree's cleanup: logs what deleting it would remove, and removes nothing. */
final class ReportTree extends DoFn<ScopeTree, SweptTree> {
  private static final Logger LOG = LoggerFactory.getLogger(ReportTree.class);

  @ProcessElement
  public void process(@Element ScopeTree tree, OutputReceiver<SweptTree> out) throws IOException {
    Optional<SweptTree> listed = FindScopeTrees.summarise(tree);
    if (listed.isEmpty()) {
      LOG.info("Cleanup (dry run): {} does not exist; nothing to delete", tree.directory());
      return;
    }
    LOG.info(
        "Cleanup (dry run) would delete {}: {} files, {} bytes",
        listed.get().directory(),
        listed.get().files(),
        listed.get().bytes());
    out.output(listed.get());
  }
}
