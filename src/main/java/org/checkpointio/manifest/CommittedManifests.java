package org.checkpointio.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;

/**
 * The manifests that together make up a checkpoint right now, by the read rule: the exclusive
 * manifest with the highest version, if any, plus every append manifest it does not supersede.
 * Empty means the checkpoint does not exist.
 */
public final class CommittedManifests {
  /** Listings tried when a manifest disappears between listing and reading it (collected). */
  private static final int ATTEMPTS = 3;

  private CommittedManifests() {}

  /**
   * Reads the live manifests of a checkpoint from one listing of its directory, so the result is
   * the checkpoint as it was at one instant, never a mix of an exclusive write and appends it
   * replaced.
   *
   * @throws IOException if a live manifest is unreadable or fails validation; the message names it
   */
  public static List<Manifest> read(CheckpointPaths paths) throws IOException {
    for (int attempt = 1; ; attempt++) {
      Optional<List<Manifest>> live = readOnce(paths, CommitFiles.in(paths));
      if (live.isPresent()) {
        return live.get();
      }
      if (attempt == ATTEMPTS) {
        throw new IOException(
            "The manifests of " + paths + " kept changing while they were read; try again");
      }
    }
  }

  /** The live manifests of one listing; empty if one of them was deleted in the meantime. */
  private static Optional<List<Manifest>> readOnce(CheckpointPaths paths, CommitFiles files)
      throws IOException {
    List<Manifest> live = new ArrayList<>();
    Set<String> superseded = new HashSet<>();
    Optional<ResourceId> latest = files.latestExclusive();
    if (latest.isPresent()) {
      Optional<Manifest> exclusive = ManifestFiles.read(latest.get(), paths);
      if (exclusive.isEmpty()) {
        return Optional.empty();
      }
      live.add(exclusive.get());
      superseded.addAll(exclusive.get().supersedes());
    }
    for (Map.Entry<String, ResourceId> append : files.appendManifests().entrySet()) {
      if (superseded.contains(append.getKey())) {
        continue;
      }
      Optional<Manifest> manifest = ManifestFiles.read(append.getValue(), paths);
      if (manifest.isEmpty()) {
        return Optional.empty();
      }
      live.add(manifest.get());
    }
    return Optional.of(live);
  }

  /** The live exclusive manifest of a checkpoint (the highest version), if it has one. */
  public static Optional<Manifest> exclusive(CheckpointPaths paths) throws IOException {
    return read(paths).stream().filter(manifest -> !manifest.append()).findFirst();
  }

  /**
   * Every committed checkpoint in one scope tree, by name (decoded), with its live manifests; for
   * tools that list what a run or correlation holds. Directories without a committed manifest (a
   * write that never committed) and names this library would not write are left out. A
   * checkpoint whose manifests cannot be read is reported in {@code unreadable} (name to message)
   * instead of failing the whole listing.
   */
  public static SortedMap<String, List<Manifest>> inTree(
      ScopeTree tree, Map<String, String> unreadable) throws IOException {
    String directory = tree.directory().toString();
    Set<String> segments = new TreeSet<>();
    for (MatchResult.Metadata file : StoredFiles.listTree(tree.directory())) {
      String path = file.resourceId().toString();
      if (!path.startsWith(directory)) {
        continue; // the tree itself is a link
      }
      String relative = path.substring(directory.length());
      int slash = relative.indexOf('/');
      if (slash > 0 && CheckpointPaths.isManifest(relative.substring(slash + 1))) {
        segments.add(relative.substring(0, slash));
      }
    }
    SortedMap<String, List<Manifest>> checkpoints = new TreeMap<>();
    for (String segment : segments) {
      Optional<String> name = PathSegment.decode("checkpoint name", segment);
      if (name.isEmpty()) {
        continue;
      }
      try {
        List<Manifest> live = read(tree.checkpoint(name.get()));
        if (!live.isEmpty()) {
          checkpoints.put(name.get(), live);
        }
      } catch (IOException | CheckpointCorruptedException e) {
        unreadable.put(name.get(), e.getMessage());
      }
    }
    return checkpoints;
  }

  /** As {@link #inTree(ScopeTree, Map)}, failing on the first unreadable checkpoint. */
  public static SortedMap<String, List<Manifest>> inTree(ScopeTree tree) throws IOException {
    Map<String, String> unreadable = new TreeMap<>();
    SortedMap<String, List<Manifest>> checkpoints = inTree(tree, unreadable);
    if (!unreadable.isEmpty()) {
      throw new IOException(unreadable.values().iterator().next());
    }
    return checkpoints;
  }

  /** Where a manifest of {@code paths} lives: its exclusive version's file or its append file. */
  public static ResourceId location(CheckpointPaths paths, Manifest manifest) {
    if (manifest.formatVersion() == 1) {
      return manifest.append()
          ? paths.legacyAppendManifest(manifest.writeId())
          : paths.legacyExclusiveManifest();
    }
    return manifest.append()
        ? paths.appendManifest(manifest.writeId())
        : paths.exclusiveManifest(manifest.version());
  }
}
