package org.checkpointio;

import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.checkpointio.cleanup.DeletionCounter;
import org.checkpointio.cleanup.ScopeTrees;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import org.joda.time.Duration;

/**
 * The checkpoints under one root, for work outside a pipeline: operators' tools, orchestrators,
 * tests. It lists the run and correlation trees, summarises one tree (listing only that tree's
 * prefix), shows the committed checkpoints of a tree and the exact shard files of each, deletes a
 * tree with progress, and sweeps expired trees, with a dry run. It applies the same layout, read
 * rule and deletion code as the transforms, so it sees what they see and deletes only what they
 * would: never outside {@code {root}/runs/{runId}/} or {@code {root}/correlations/{correlationId}/},
 * links deleted as links, names taken literally.
 *
 * <pre>{@code
 * CheckpointStore store = CheckpointStore.at("gs://bucket/checkpoints");
 * for (CheckpointTree tree : store.trees()) {
 *   for (StoredCheckpoint checkpoint : store.contents(tree.scope(), tree.id()).checkpoints()) {
 *     System.out.println(checkpoint.name() + ": " + checkpoint.rows() + " rows");
 *   }
 * }
 * store.delete(CheckpointScope.RUN, "run-1", DeleteProgress.NONE);
 * }</pre>
 *
 * <p>The root's file system must be registered first, as for any Beam file access outside a
 * pipeline: {@code FileSystems.setDefaultPipelineOptions(options)}. Methods that touch storage
 * throw {@link IOException} when it fails.
 */
public final class CheckpointStore {
  /**
   * The least age {@link #sweep} takes unless forced: a running write's files may be that young,
   * and sweeping its tree would delete them under it.
   */
  public static final Duration MINIMUM_SWEEP_AGE = ScopeTrees.MINIMUM_SWEEP_AGE;

  /**
   * How long a write's in-progress marker keeps its tree from any sweep, counted from the marker's
   * last modification.
   */
  public static final Duration WRITE_IN_PROGRESS_GRACE = ScopeTrees.WRITE_IN_PROGRESS_GRACE;

  /** A directory under the root that nothing is stored in, listed to check the root. */
  private static final String LISTING_PROBE = ".checkpoint-root-check";

  private final String root;

  private CheckpointStore(String root) {
    this.root = root;
  }

  /**
   * The store at {@code root}: a local path (made absolute), a {@code file:} URI (taken as its
   * local path), or a URI whose Beam file system is registered ({@code gs://}, {@code s3://}).
   *
   * @throws IllegalArgumentException naming the root if no file system serves it (with the file
   *     system's reason as the cause), or a {@code file:} URI names no local path
   */
  public static CheckpointStore at(String root) {
    String normalized = ScopeTree.normalizedRoot(root);
    if (!normalized.contains("://")) {
      normalized = Paths.get(normalized).toAbsolutePath().normalize().toString();
    }
    checkRoot(normalized);
    return new CheckpointStore(normalized);
  }

  /**
   * @throws IllegalArgumentException naming {@code root}, with the file system's reason as the
   *     cause, if no Beam file system serves it
   */
  static void checkRoot(String root) {
    try {
      ScopeTree.rootDirectory(root);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid checkpoint root '%s': %s. Use a local path or a URI whose file system is "
                  + "on the classpath (gs:// needs beam-sdks-java-extensions-google-cloud-platform"
                  + "-core, s3:// needs beam-sdks-java-io-amazon-web-services2).",
              root, e.getMessage()),
          e);
    }
  }

  /** The root, as the library uses it (a {@code file:} URI as its local path). */
  public String root() {
    return root;
  }

  /**
   * The directory of the tree of {@code id} in {@code scope}: an absolute path or a URI, ending
   * with {@code /}; whether or not anything is there.
   *
   * @throws IllegalArgumentException if {@code id} cannot be a tree's id, saying why
   */
  public String treeDirectory(CheckpointScope scope, String id) {
    return tree(scope, id).directory().toString();
  }

  /**
   * The directory of checkpoint {@code name} in the tree of {@code id} in {@code scope}: an
   * absolute path or a URI, ending with {@code /}; whether or not anything is there.
   *
   * @throws IllegalArgumentException if {@code id} or {@code name} cannot be one, saying why
   */
  public String checkpointDirectory(CheckpointScope scope, String id, String name) {
    return tree(scope, id).checkpoint(name).directory().toString();
  }

  /**
   * Checks that the root can be listed, by listing a prefix under it that nothing is stored under:
   * one short request. An object store reports a missing bucket, or one these credentials cannot
   * read, only as the error of a listing, which {@link #trees} would take for "no trees".
   *
   * @throws IOException the store's answer, if the listing fails
   */
  public void checkListable() throws IOException {
    StoredFiles.listDirectory(
        ScopeTree.rootDirectory(root)
            .resolve(LISTING_PROBE, StandardResolveOptions.RESOLVE_DIRECTORY));
  }

  /**
   * Every tree this library wrote under the root: RUN scope first, then CORRELATION, each sorted
   * by id. Directories and files it did not write are skipped, each with a warning in the log.
   */
  public List<CheckpointTree> trees() throws IOException {
    return ScopeTrees.under(root);
  }

  /**
   * The tree of {@code id} in {@code scope} as it is now, listing only its own prefix; empty if
   * nothing is there. Everything in it counts, written by this library or not: this is what
   * {@link #delete} would delete.
   */
  public Optional<CheckpointTree> summary(CheckpointScope scope, String id) throws IOException {
    return ScopeTrees.summarise(tree(scope, id));
  }

  /**
   * The committed checkpoints in the tree of {@code id} in {@code scope}, by the read rule; those
   * whose manifests cannot be read are reported apart, not thrown.
   */
  public TreeContents contents(CheckpointScope scope, String id) throws IOException {
    ScopeTree tree = tree(scope, id);
    TreeMap<String, String> unreadable = new TreeMap<>();
    List<StoredCheckpoint> checkpoints = new ArrayList<>();
    for (Map.Entry<String, List<Manifest>> committed :
        CommittedManifests.inTree(tree, unreadable).entrySet()) {
      checkpoints.add(stored(tree.checkpoint(committed.getKey()), committed.getValue()));
    }
    return TreeContents.of(checkpoints, unreadable);
  }

  /**
   * Checkpoint {@code name} in the tree of {@code id} in {@code scope}, by the read rule; empty if
   * it has no committed manifest.
   *
   * @throws CheckpointCorruptedException if a manifest is damaged, naming it
   */
  public Optional<StoredCheckpoint> checkpoint(CheckpointScope scope, String id, String name)
      throws IOException {
    CheckpointPaths paths = tree(scope, id).checkpoint(name);
    List<Manifest> live = CommittedManifests.read(paths);
    return live.isEmpty() ? Optional.empty() : Optional.of(stored(paths, live));
  }

  /**
   * Deletes the whole tree of {@code id} in {@code scope}, as the cleanup transform does: every
   * file in store-sized batches, then the empty directories; telling {@code progress} after each
   * batch. A missing tree is no error. Files that cannot be deleted after retries are logged and
   * counted in the result, not thrown.
   */
  public DeletedTree delete(CheckpointScope scope, String id, DeleteProgress progress)
      throws IOException, InterruptedException {
    return ScopeTrees.delete(tree(scope, id), progress, DeletionCounter.NONE);
  }

  /**
   * Checks a sweep's age against {@link #MINIMUM_SWEEP_AGE}, which a forced sweep may go below.
   *
   * @param howToForce how the caller's user forces it, for the message, e.g. {@code --force}
   * @throws IllegalArgumentException if {@code olderThan} is under the minimum and not forced,
   *     saying why and how to force it
   */
  public static void checkSweepAge(Duration olderThan, boolean force, String howToForce) {
    ScopeTrees.checkSweepAge(olderThan, force, howToForce);
  }

  /**
   * Sweeps every tree under the root whose newest file is older than {@code olderThan}, as the
   * TTL sweep does: each is listed again, by its own prefix, right before it is deleted, and kept
   * if it received a file since or a write is in progress in it (a marker younger than {@link
   * #WRITE_IN_PROGRESS_GRACE}).
   *
   * @param dryRun list what would be deleted, delete nothing
   * @return the trees deleted, or in a dry run those that would be
   * @throws IllegalArgumentException if {@code olderThan} is under {@link #MINIMUM_SWEEP_AGE}
   *     (see {@link #sweep(CheckpointTree, Duration, boolean, DeleteProgress)} to go below it)
   */
  public List<SweptTree> sweep(Duration olderThan, boolean dryRun, DeleteProgress progress)
      throws IOException, InterruptedException {
    checkSweepAge(olderThan, false, "sweep(tree, olderThan, dryRun, progress) for each of trees()");
    List<SweptTree> swept = new ArrayList<>();
    for (CheckpointTree tree : trees()) {
      sweep(tree, olderThan, dryRun, progress).ifPresent(swept::add);
    }
    return swept;
  }

  /**
   * Sweeps one listed tree (from {@link #trees}) if it expired, as {@link #sweep(Duration,
   * boolean, DeleteProgress)} does for each. The age is not checked against {@link
   * #MINIMUM_SWEEP_AGE}: callers do that with {@link #checkSweepAge}.
   *
   * @return empty if it is not expired (or no longer is) or a write is in progress in it
   */
  public Optional<SweptTree> sweep(
      CheckpointTree tree, Duration olderThan, boolean dryRun, DeleteProgress progress)
      throws IOException, InterruptedException {
    return ScopeTrees.sweepIfExpired(
        root, tree, olderThan, dryRun, progress, DeletionCounter.NONE);
  }

  private ScopeTree tree(CheckpointScope scope, String id) {
    return ScopeTree.of(root, scope, id);
  }

  private static StoredCheckpoint stored(CheckpointPaths paths, List<Manifest> live) {
    List<CommittedWrite> writes = new ArrayList<>();
    for (Manifest manifest : live) {
      List<CommittedShard> shards = new ArrayList<>();
      for (ShardFile shard : manifest.shards()) {
        shards.add(
            CommittedShard.of(
                paths.file(shard.fileName()).toString(),
                shard.fileName(),
                shard.rowCount(),
                shard.sizeBytes()));
      }
      writes.add(
          CommittedWrite.builder()
              .setWriteId(manifest.writeId())
              .setAppend(manifest.append())
              .setVersion(manifest.version())
              .setManifestFile(CommittedManifests.location(paths, manifest).toString())
              .setCommittedAt(manifest.createdAt())
              .setLibraryVersion(manifest.libraryVersion())
              .setBeamVersion(manifest.beamVersion())
              .setProducerVersion(Optional.ofNullable(manifest.producerVersion()))
              .setShards(List.copyOf(shards))
              .build());
    }
    Manifest first = live.get(0);
    return StoredCheckpoint.of(
        paths.name(),
        paths.tree().scope(),
        paths.tree().id(),
        paths.directory().toString(),
        first.fileFormat(),
        first.schema(),
        List.copyOf(writes));
  }
}
