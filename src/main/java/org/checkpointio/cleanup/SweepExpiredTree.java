package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.layout.ScopeTree;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes a scope tree whose newest file is older than the maximum age, or only reports it in a
 * dry run. Right before deleting (or reporting) the tree is listed again: a tree that received a
 * file since it was listed is left alone, and so is a tree with a write in progress (a write's
 * {@code _writing} marker younger than {@link #WRITE_IN_PROGRESS_GRACE}), however old its other
 * files are. The TTL sweep runs it as a {@code DoFn}; tools call {@link #sweepIfExpired} directly.
 */
public final class SweepExpiredTree extends DoFn<SweptTree, SweptTree> {
  private static final Logger LOG = LoggerFactory.getLogger(SweepExpiredTree.class);

  /**
   * The least age a sweep takes unless forced: a running write's files may be that young (its
   * shards are written, then wait for the commit), and sweeping its tree would delete them under
   * it.
   */
  public static final Duration MINIMUM_AGE = Duration.standardHours(1);

  /**
   * How long a write's in-progress marker ({@code {name}/.tmp-{writeId}/_writing}) keeps its tree
   * from being swept, counted from the marker's last modification: a write that started less than
   * this ago may still commit. A marker older than this is taken for a write that died.
   */
  public static final Duration WRITE_IN_PROGRESS_GRACE = Duration.standardHours(24);

  private final String root;
  private final Duration maxAge;
  private final boolean dryRun;

  SweepExpiredTree(String root, Duration maxAge, boolean dryRun) {
    this.root = root;
    this.maxAge = maxAge;
    this.dryRun = dryRun;
  }

  /**
   * Checks a sweep's age against {@link #MINIMUM_AGE}, which a forced sweep may go below.
   *
   * @param force whether the caller asked to sweep younger trees
   * @param howToForce how the caller's user forces it, for the message, e.g. {@code --force}
   * @throws IllegalArgumentException if {@code maxAge} is under the minimum and not forced, saying
   *     why and how to force it
   */
  public static void checkAge(Duration maxAge, boolean force, String howToForce) {
    if (force || !maxAge.isShorterThan(MINIMUM_AGE)) {
      return;
    }
    throw new IllegalArgumentException(
        String.format(
            "A sweep of trees older than %s is refused: the least age is %s, because a write that"
                + " is running may have files that young, and sweeping them would delete its"
                + " checkpoints under it. Give %s or more; or, if no pipeline writes under this"
                + " root now, force it with %s",
            TreeAge.text(maxAge),
            TreeAge.text(MINIMUM_AGE),
            TreeAge.text(MINIMUM_AGE),
            howToForce));
  }

  @ProcessElement
  public void process(@Element SweptTree tree, OutputReceiver<SweptTree> out)
      throws IOException, InterruptedException {
    sweepIfExpired(root, tree, maxAge, dryRun, DeleteProgress.NONE).ifPresent(out::output);
  }

  /**
   * Sweeps one listed tree (from {@link FindScopeTrees}) if its newest file is older than {@code
   * maxAge} and it has no write in progress. The age is not checked against {@link #MINIMUM_AGE}
   * here; callers do that with {@link #checkAge}.
   *
   * @return empty if the tree is not expired (or no longer is), or a write is in progress in it;
   *     in a dry run the tree as listed; otherwise the tree marked deleted
   */
  public static Optional<SweptTree> sweepIfExpired(
      String root, SweptTree tree, Duration maxAge, boolean dryRun, DeleteProgress progress)
      throws IOException, InterruptedException {
    long now = System.currentTimeMillis();
    long cutoff = now - maxAge.getMillis();
    if (tree.newestFileMillis() >= cutoff) {
      return Optional.empty();
    }
    ScopeTree scopeTree = ScopeTree.of(root, tree.scope(), tree.id());
    // Listing only this tree again: it may have received a file, or been deleted, since.
    Optional<SweptTree> current = FindScopeTrees.summariseIfWritten(scopeTree);
    if (current.isEmpty() || current.get().newestFileMillis() >= cutoff) {
      LOG.info("Sweep keeps {}: it received a file since it was listed", tree.directory());
      return Optional.empty();
    }
    Optional<MatchResult.Metadata> marker = FindScopeTrees.newestWriteMarker(scopeTree);
    if (marker.isPresent()
        && marker.get().lastModifiedMillis() >= now - WRITE_IN_PROGRESS_GRACE.getMillis()) {
      // A warning: the tree is past the age asked for, and its write may be stuck.
      LOG.warn(
          "Sweep keeps {}: a write is in progress there ({} is {} old, under the grace period of"
              + " {}), though the tree's newest file is {} old",
          tree.directory(),
          marker.get().resourceId(),
          TreeAge.format(Duration.millis(now - marker.get().lastModifiedMillis())),
          TreeAge.text(WRITE_IN_PROGRESS_GRACE),
          TreeAge.format(Duration.millis(now - current.get().newestFileMillis())));
      return Optional.empty();
    }
    if (dryRun) {
      LOG.info(
          "Sweep (dry run) would delete {}: {} files, {} bytes, newest file {}",
          tree.directory(),
          tree.files(),
          tree.bytes(),
          new Instant(tree.newestFileMillis()));
      return Optional.of(tree);
    }
    DeletedTree deleted = DeleteScopeTree.deleteTree(scopeTree, progress);
    return Optional.of(tree.asDeleted(deleted.failures()));
  }
}
