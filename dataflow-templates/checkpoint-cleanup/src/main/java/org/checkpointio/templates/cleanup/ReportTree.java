package org.checkpointio.templates.cleanup;

import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dry run of one tree's cleanup: logs what deleting the tree of (scope, id) would remove, and
 * removes nothing.
 */
final class ReportTree extends DoFn<KV<String, String>, CheckpointTree> {
  private static final Logger LOG = LoggerFactory.getLogger(ReportTree.class);

  private final String root;

  ReportTree(String root) {
    this.root = root;
  }

  @ProcessElement
  public void process(@Element KV<String, String> tree, OutputReceiver<CheckpointTree> out)
      throws IOException {
    CheckpointStore store = CheckpointStore.at(root);
    CheckpointScope scope = CheckpointScope.valueOf(tree.getKey());
    Optional<CheckpointTree> listed = store.summary(scope, tree.getValue());
    if (listed.isEmpty()) {
      LOG.info(
          "Cleanup (dry run): {} does not exist; nothing to delete",
          store.treeDirectory(scope, tree.getValue()));
      return;
    }
    LOG.info(
        "Cleanup (dry run) would delete {}: {} files, {} bytes",
        listed.get().getDirectory(),
        listed.get().getFiles(),
        listed.get().getBytes());
    out.output(listed.get());
  }
}
