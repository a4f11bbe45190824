package org.checkpointio.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;

/**
 * The manifests that together make up a checkpoint right now: the exclusive manifest, if any,
 * plus every append manifest it does not supersede. Empty means the checkpoint does not exist.
 */
public final class CommittedManifests {
  private CommittedManifests() {}

  /**
   * Reads the live manifests of a checkpoint.
   *
   * <p>Append manifests are listed before the exclusive one is read: an exclusive commit that
   * lands in between supersedes what was listed, so the result is never a mix of the old
   * exclusive write and appends it replaced.
   */
  public static List<Manifest> read(CheckpointPaths paths) throws IOException {
    List<Manifest> appends = new ArrayList<>();
    for (MatchResult.Metadata file : StoredFiles.listDirectory(paths.directory())) {
      if (CheckpointPaths.isAppendManifest(file.resourceId().getFilename())) {
        ManifestFiles.read(file.resourceId()).ifPresent(appends::add);
      }
    }
    Optional<Manifest> exclusive = ManifestFiles.read(paths.manifest());
    Set<String> superseded = new HashSet<>(exclusive.map(Manifest::supersedes).orElse(List.of()));
    List<Manifest> live = new ArrayList<>();
    exclusive.ifPresent(live::add);
    for (Manifest append : appends) {
      if (!superseded.contains(append.writeId())) {
        live.add(append);
      }
    }
    return live;
  }

  /**
   * Every committed checkpoint in one scope tree, by name (decoded), with its live manifests; for
   * tools that list what a run or correlation holds. Directories without a committed manifest
   * (a write that never committed) and names this library would not write are left out.
   */
  public static SortedMap<String, List<Manifest>> inTree(ScopeTree tree) throws IOException {
    String directory = tree.directory().toString();
    Set<String> segments = new TreeSet<>();
    for (MatchResult.Metadata file : StoredFiles.listTree(tree.directory())) {
      String relative = file.resourceId().toString().substring(directory.length());
      int slash = relative.indexOf('/');
      String fileName = relative.substring(slash + 1);
      if (slash > 0
          && (fileName.equals(CheckpointPaths.MANIFEST_FILE_NAME)
              || CheckpointPaths.isAppendManifest(fileName))) {
        segments.add(relative.substring(0, slash));
      }
    }
    SortedMap<String, List<Manifest>> checkpoints = new TreeMap<>();
    for (String segment : segments) {
      Optional<String> name = PathSegment.decode("checkpoint name", segment);
      if (name.isEmpty()) {
        continue;
      }
      List<Manifest> live = read(tree.checkpoint(name.get()));
      if (!live.isEmpty()) {
        checkpoints.put(name.get(), live);
      }
    }
    return checkpoints;
  }

  /** Where a manifest of {@code paths} lives: the exclusive one or its own append manifest. */
  public static org.apache.beam.sdk.io.fs.ResourceId location(
      CheckpointPaths paths, Manifest manifest) {
    return manifest.append() ? paths.appendManifest(manifest.writeId()) : paths.manifest();
  }
}
