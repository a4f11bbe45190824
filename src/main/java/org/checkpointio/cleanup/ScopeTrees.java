package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointTree;
import org.checkpointio.DeleteProgress;
import org.checkpointio.DeletedTree;
import org.checkpointio.SweptTree;
import org.checkpointio.TreeAge;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What can be done to the scope trees under a root, in one place: list them (each scope
 * directory once), summarise one (listing only its own prefix), delete one, and sweep one that
 * expired. Cleanup's, the sweep's and the launcher's DoFns, the store and the command line are
 * adapters over these.
 *
 * <p>Only trees this library wrote are listed: a directory whose name is no encoding this library
 * writes, one that holds no checkpoint file of a write (manifest, shard, temporary or staged
 * file), a stray file or a link beside the trees: each is skipped with one warning and never
 * swept. An explicit deletion of one tree deletes whatever is in it.
 */
public final class ScopeTrees {
  private static final Logger LOG = LoggerFactory.getLogger(ScopeTrees.class);

  /**
   * The least age a sweep takes unless forced: a running write's files may be that young (its
   * shards are written, then wait for the commit), and sweeping its tree would delete them under
   * it.
   */
  public static final Duration MINIMUM_SWEEP_AGE = Duration.standardHours(1);

  /**
   * How long a write's in-progress marker ({@code {name}/.tmp-{writeId}/_writing}) keeps its tree
   * from being swept, counted from the marker's last modification: a write that started less than
   * this ago may still commit. A marker older than this is taken for a write that died.
   */
  public static final Duration WRITE_IN_PROGRESS_GRACE = Duration.standardHours(24);

  private ScopeTrees() {}

  /** Every tree under {@code root}: RUN scope first, then CORRELATION, each sorted by id. */
  public static List<CheckpointTree> under(String root) throws IOException {
    List<CheckpointTree> trees = new ArrayList<>();
    for (CheckpointScope scope : CheckpointScope.values()) {
      trees.addAll(under(root, scope));
    }
    return trees;
  }

  /** The trees of one scope under {@code root} that this library wrote, sorted by id. */
  public static List<CheckpointTree> under(String root, CheckpointScope scope) throws IOException {
    ResourceId parent =
        ScopeTree.rootDirectory(root)
            .resolve(ScopeTree.scopeDirectoryName(scope), StandardResolveOptions.RESOLVE_DIRECTORY);
    String prefix = parent.toString();
    Map<String, List<MatchResult.Metadata>> bySegment = new TreeMap<>();
    for (MatchResult.Metadata file : StoredFiles.listTree(parent)) {
      String relative = file.resourceId().toString().substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash <= 0) {
        LOG.warn("Ignoring {}: a file or link beside the scope trees, not one", file.resourceId());
        continue;
      }
      bySegment
          .computeIfAbsent(relative.substring(0, slash), segment -> new ArrayList<>())
          .add(file);
    }
    List<CheckpointTree> found = new ArrayList<>();
    bySegment.forEach(
        (segment, files) -> {
          Optional<String> id = PathSegment.decode(ScopeTree.idLabel(scope), segment);
          if (id.isEmpty()) {
            LOG.warn(
                "Ignoring {}{}/: its name is no {} this library encodes",
                prefix,
                segment,
                ScopeTree.idLabel(scope));
            return;
          }
          ScopeTree tree = ScopeTree.of(root, scope, id.get());
          if (!holdsAWrite(tree, files)) {
            LOG.warn(
                "Ignoring {}: it holds no checkpoint (no manifest, shard or temporary file of a"
                    + " write), so this library did not write it",
                tree.directory());
            return;
          }
          found.add(summary(tree, files));
        });
    found.sort(Comparator.comparing(CheckpointTree::getId));
    return found;
  }

  /**
   * One tree as it is now, listing only its own prefix; empty if nothing is there. Whatever the
   * tree holds counts, written by this library or not: this is what deleting it would delete.
   */
  public static Optional<CheckpointTree> summarise(ScopeTree tree) throws IOException {
    List<MatchResult.Metadata> files = StoredFiles.listTree(tree.directory());
    return files.isEmpty() ? Optional.empty() : Optional.of(summary(tree, files));
  }

  /**
   * Deletes one scope tree with {@link DeleteDirectoryTree}, after checking that it is one,
   * telling {@code progress} after each batch, counting the outcome in {@code counter}, and
   * logging one line.
   */
  public static DeletedTree delete(ScopeTree tree, DeleteProgress progress, DeletionCounter counter)
      throws IOException, InterruptedException {
    ResourceId directory = checkedDirectory(tree);
    DeletedTree result = DeleteDirectoryTree.delete(directory, progress);
    counter.count(result);
    LOG.info(
        "Cleaned checkpoint tree {} ({} {}): deleted {} files ({} bytes), {} failures",
        directory,
        ScopeTree.idLabel(tree.scope()),
        tree.id(),
        result.getFilesDeleted(),
        result.getBytesDeleted(),
        result.getFailures());
    return result;
  }

  /**
   * Checks a sweep's age against {@link #MINIMUM_SWEEP_AGE}, which a forced sweep may go below.
   *
   * @param force whether the caller asked to sweep younger trees
   * @param howToForce how the caller's user forces it, for the message, e.g. {@code --force}
   * @throws IllegalArgumentException if {@code maxAge} is under the minimum and not forced, saying
   *     why and how to force it
   */
  public static void checkSweepAge(Duration maxAge, boolean force, String howToForce) {
    if (force || !maxAge.isShorterThan(MINIMUM_SWEEP_AGE)) {
      return;
    }
    throw new IllegalArgumentException(
        String.format(
            "A sweep of trees older than %s is refused: the least age is %s, because a write that"
                + " is running may have files that young, and sweeping them would delete its"
                + " checkpoints under it. Give %s or more; or, if no pipeline writes under this"
                + " root now, force it with %s",
            TreeAge.text(maxAge),
            TreeAge.text(MINIMUM_SWEEP_AGE),
            TreeAge.text(MINIMUM_SWEEP_AGE),
            howToForce));
  }

  /**
   * Sweeps one listed tree (from {@link #under}) if its newest file is older than {@code maxAge}
   * and it has no write in progress. Right before deleting (or reporting) it, the tree is listed
   * again, by its own prefix and once: a tree that received a file since it was listed is left
   * alone, and so is a tree with a write in progress (a {@code _writing} marker younger than
   * {@link #WRITE_IN_PROGRESS_GRACE}), however old its other files are. The age is not checked
   * against {@link #MINIMUM_SWEEP_AGE} here; callers do that with {@link #checkSweepAge}.
   *
   * @return empty if the tree is not expired (or no longer is), or a write is in progress in it;
   *     in a dry run the tree as listed; otherwise the tree marked deleted
   */
  public static Optional<SweptTree> sweepIfExpired(
      String root,
      CheckpointTree tree,
      Duration maxAge,
      boolean dryRun,
      DeleteProgress progress,
      DeletionCounter counter)
      throws IOException, InterruptedException {
    long now = System.currentTimeMillis();
    long cutoff = now - maxAge.getMillis();
    if (tree.getNewestFileMillis() >= cutoff) {
      return Optional.empty();
    }
    ScopeTree scopeTree = ScopeTree.of(root, tree.getScope(), tree.getId());
    // Listing only this tree again: it may have received a file, or been deleted, since.
    List<MatchResult.Metadata> files = StoredFiles.listTree(scopeTree.directory());
    long newest = summary(scopeTree, files).getNewestFileMillis();
    if (!holdsAWrite(scopeTree, files) || newest >= cutoff) {
      LOG.info("Sweep keeps {}: it received a file since it was listed", tree.getDirectory());
      return Optional.empty();
    }
    Optional<MatchResult.Metadata> marker = newestWriteMarker(scopeTree, files);
    if (marker.isPresent()
        && marker.get().lastModifiedMillis() >= now - WRITE_IN_PROGRESS_GRACE.getMillis()) {
      // A warning: the tree is past the age asked for, and its write may be stuck.
      LOG.warn(
          "Sweep keeps {}: a write is in progress there ({} is {} old, under the grace period of"
              + " {}), though the tree's newest file is {} old",
          tree.getDirectory(),
          marker.get().resourceId(),
          TreeAge.format(Duration.millis(now - marker.get().lastModifiedMillis())),
          TreeAge.text(WRITE_IN_PROGRESS_GRACE),
          TreeAge.format(Duration.millis(now - newest)));
      return Optional.empty();
    }
    if (dryRun) {
      LOG.info(
          "Sweep (dry run) would delete {}: {} files, {} bytes, newest file {}",
          tree.getDirectory(),
          tree.getFiles(),
          tree.getBytes(),
          new Instant(tree.getNewestFileMillis()));
      return Optional.of(SweptTree.wouldDelete(tree));
    }
    DeletedTree deleted = delete(scopeTree, progress, counter);
    return Optional.of(SweptTree.deleted(tree, deleted.getFailures()));
  }

  /** True if a checkpoint directory of the tree, named as this library names one, holds a write. */
  private static boolean holdsAWrite(ScopeTree tree, List<MatchResult.Metadata> files) {
    String prefix = tree.directory().toString();
    for (MatchResult.Metadata file : files) {
      String path = file.resourceId().toString();
      if (!path.startsWith(prefix)) {
        continue; // the tree itself is a link
      }
      String relative = path.substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash > 0
          && PathSegment.decode("checkpoint name", relative.substring(0, slash)).isPresent()
          && CheckpointPaths.isWrittenByAWrite(relative.substring(slash + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The newest in-progress marker of a write among the tree's {@code files}, {@code
   * {name}/.tmp-{writeId}/_writing}; empty if no write left one.
   */
  private static Optional<MatchResult.Metadata> newestWriteMarker(
      ScopeTree tree, List<MatchResult.Metadata> files) {
    String prefix = tree.directory().toString();
    Optional<MatchResult.Metadata> newest = Optional.empty();
    for (MatchResult.Metadata file : files) {
      String path = file.resourceId().toString();
      if (path.startsWith(prefix)
          && isWriteMarker(tree, path.substring(prefix.length()), path)
          && (newest.isEmpty()
              || file.lastModifiedMillis() > newest.get().lastModifiedMillis())) {
        newest = Optional.of(file);
      }
    }
    return newest;
  }

  /**
   * True if {@code path} ({@code relative} to the tree) is where a write of a checkpoint in the
   * tree keeps its marker ({@link CheckpointPaths#writingMarker}).
   */
  private static boolean isWriteMarker(ScopeTree tree, String relative, String path) {
    String[] segments = relative.split("/", -1);
    if (segments.length != 3) {
      return false;
    }
    Optional<String> name = PathSegment.decode("checkpoint name", segments[0]);
    Optional<String> writeId = CheckpointPaths.tempWriteId(segments[1]);
    return name.isPresent()
        && writeId.isPresent()
        && tree.checkpoint(name.get()).writingMarker(writeId.get()).toString().equals(path);
  }

  private static CheckpointTree summary(ScopeTree tree, List<MatchResult.Metadata> files) {
    long bytes = 0;
    long newest = 0;
    for (MatchResult.Metadata file : files) {
      bytes += file.sizeBytes();
      newest = Math.max(newest, file.lastModifiedMillis());
    }
    return CheckpointTree.of(
        tree.directory().toString(), tree.scope(), tree.id(), files.size(), bytes, newest);
  }

  /** The tree's directory: exactly one encoded segment below the root's scope directory. */
  private static ResourceId checkedDirectory(ScopeTree tree) {
    ResourceId directory = tree.directory();
    String expected = tree.scopeParent().toString() + tree.encodedId() + "/";
    if (!directory.toString().equals(expected)) {
      throw new IllegalStateException(
          "Refusing to delete " + directory + ": it is not the scope tree " + expected);
    }
    return directory;
  }
}
