package org.checkpointio.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.checkpointio.layout.CheckpointPaths;

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

  /** Where a manifest of {@code paths} lives: the exclusive one or its own append manifest. */
  public static org.apache.beam.sdk.io.fs.ResourceId location(
      CheckpointPaths paths, Manifest manifest) {
    return manifest.append() ? paths.appendManifest(manifest.writeId()) : paths.manifest();
  }
}
