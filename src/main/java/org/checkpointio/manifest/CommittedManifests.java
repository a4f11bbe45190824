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
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
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
    MatchResult match =
        FileSystems.match(List.of(paths.appendManifestsGlob()), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata file : match.metadata()) {
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
    MatchResult match =
        FileSystems.match(List.of(directory + "*/manifest*.json"), EmptyMatchTreatment.ALLOW)
            .get(0);
    SortedMap<String, List<Manifest>> checkpoints = new TreeMap<>();
    if (match.status() != MatchResult.Status.OK) {
      return checkpoints;
    }
    Set<String> segments = new TreeSet<>();
    for (MatchResult.Metadata file : match.metadata()) {
      String relative = file.resourceId().toString().substring(directory.length());
      segments.add(relative.substring(0, relative.indexOf('/')));
    }
    for (String segment : segments) {
      String name = PathSegment.decode(segment);
      CheckpointPaths paths;
      try {
        paths = tree.checkpoint(name);
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!paths.directory().toString().equals(directory + segment + "/")) {
        continue;
      }
      List<Manifest> live = read(paths);
      if (!live.isEmpty()) {
        checkpoints.put(name, live);
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
