package org.checkpointio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommitFiles;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;

/** What the suites check of one checkpoint's directory on the local file system. */
final class CheckpointDirectory {
  private final CheckpointPaths paths;
  private final Path dir;

  CheckpointDirectory(CheckpointPaths paths) {
    this.paths = paths;
    this.dir = Path.of(paths.directory().toString());
  }

  /** Every manifest file in the directory, superseded or not, by file name. */
  Map<String, Manifest> manifests() throws IOException {
    CommitFiles commits = CommitFiles.in(paths);
    List<ResourceId> files = new ArrayList<>(commits.exclusiveManifests().values());
    files.addAll(commits.appendManifests().values());
    Map<String, Manifest> manifests = new HashMap<>();
    for (ResourceId file : files) {
      Optional<Manifest> manifest = ManifestFiles.read(file, paths);
      manifests.put(file.getFilename(), manifest.orElseThrow());
    }
    return manifests;
  }

  /** The invariant: no manifest in the directory lists a shard that is missing or resized. */
  void assertNoManifestListsAMissingShard() throws IOException {
    for (Map.Entry<String, Manifest> manifest : manifests().entrySet()) {
      for (ShardFile shard : manifest.getValue().shards()) {
        Path file = dir.resolve(shard.fileName());
        assertTrue(
            Files.isRegularFile(file), manifest.getKey() + " lists " + file + ", which is missing");
        assertEquals(shard.sizeBytes(), Files.size(file), manifest.getKey() + " lists " + file);
      }
    }
  }

  /**
   * Checks that the directory holds the live manifests (the read rule's) and the shards they list,
   * and nothing else: no superseded manifest, temporary directory, staged manifest or stray shard.
   */
  void assertHoldsOnlyLiveCommits() throws IOException {
    List<String> expected = new ArrayList<>();
    for (Manifest manifest : CommittedManifests.read(paths)) {
      expected.add(CommittedManifests.location(paths, manifest).getFilename());
      manifest.shards().forEach(shard -> expected.add(shard.fileName()));
    }
    assertEquals(
        expected.stream().sorted().toList(),
        entries(),
        dir + " holds its live manifests and their shards, nothing else");
  }

  /** Shards in the directory that no manifest lists: a lost or killed write's, not collected. */
  List<String> unlistedShards() throws IOException {
    List<String> listed = new ArrayList<>();
    for (Manifest manifest : manifests().values()) {
      manifest.shards().forEach(shard -> listed.add(shard.fileName()));
    }
    return entries().stream()
        .filter(name -> CheckpointPaths.isShard(name) && !listed.contains(name))
        .toList();
  }

  /** The names directly in the directory, sorted; none if it does not exist. */
  List<String> entries() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * Moves the time of every file and directory under the checkpoint's tree {@code hours} into the
   * past, as if what a killed write left had lain there that long.
   */
  void age(int hours) throws IOException {
    Path tree = Path.of(paths.tree().directory().toString());
    if (!Files.exists(tree)) {
      return;
    }
    FileTime then = FileTime.fromMillis(System.currentTimeMillis() - hours * 3_600_000L);
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : walk.toList()) {
        Files.setLastModifiedTime(path, then);
      }
    }
  }
}
