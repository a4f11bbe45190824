package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.layout.ScopeTree;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a scope tree whose newest file is older than the maximum age, or only reports it in a
 * dry run. The age is checked again right before deleting, so a tree that received a file since
 * it was listed is left alone. The TTL sweep runs it as a {@code DoFn}; tools call {@link
 * #sweepIfExpired} directly.
 */
public final class SweepExpiredTree extends DoFn<SweptTree, SweptTree> {
  private static final Logger LOG = LoggerFactory.getLogger(SweepExpiredTree.class);

  private final String root;
  private final Duration maxAge;
  private final boolean dryRun;

  SweepExpiredTree(String root, Duration maxAge, boolean dryRun) {
    this.root = root;
    this.maxAge = maxAge;
    this.dryRun = dryRun;
  }

  @ProcessElement
  public void process(@Element SweptTree tree, OutputReceiver<SweptTree> out)
      throws IOException, InterruptedException {
    sweepIfExpired(root, tree, maxAge, dryRun, DeleteProgress.NONE).ifPresent(out::output);
  }

  /**
   * Sweeps one listed tree (from {@link FindScopeTrees}) if its newest file is older than {@code
   * maxAge}.
   *
   * @return empty if the tree is not expired (or no longer is); in a dry run the tree as listed;
   *     otherwise the tree marked deleted
   */
  public static Optional<SweptTree> sweepIfExpired(
      String root, SweptTree tree, Duration maxAge, boolean dryRun, DeleteProgress progress)
      throws IOException, InterruptedException {
    long cutoff = System.currentTimeMillis() - maxAge.getMillis();
    if (tree.newestFileMillis() >= cutoff) {
      return Optional.empty();
    }
    if (dryRun) {
      LOG.info(
          "Sweep (dry run) would delete {}: {} files, {} bytes, newest file {}",
          tree.directory(),
          tree.files(),
          tree.bytes(),
          new org.joda.time.Instant(tree.newestFileMillis()));
      return Optional.of(tree);
    }
    ScopeTree scopeTree = ScopeTree.of(root, tree.scope(), tree.id());
    // Listing only this tree again: it may have received a file, or been deleted, since.
    Optional<SweptTree> now = FindScopeTrees.summariseIfWritten(scopeTree);
    if (now.isEmpty() || now.get().newestFileMillis() >= cutoff) {
      LOG.info("Sweep keeps {}: it received a file since it was listed", tree.directory());
      return Optional.empty();
    }
    DeleteScopeTree.deleteTree(scopeTree, progress);
    return Optional.of(tree.asDeleted());
  }
}
