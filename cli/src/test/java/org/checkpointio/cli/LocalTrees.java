package org.checkpointio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;

/**
 * Trees under a local root, committed with the library's manifest code at known ages, for the jar
 * to list, show and delete.
 */
final class LocalTrees {
  private final Path root;
  private final Instant now;

  /** Ages count back from {@code now}. */
  LocalTrees(Path root, Instant now) {
    this.root = root;
    this.now = now;
  }

  /** A file of {@code bytes} zero bytes, last modified at {@code modified}. */
  static void file(Path path, int bytes, Instant modified) throws IOException {
    Files.createDirectories(path.getParent());
    Files.write(path, new byte[bytes]);
    Files.setLastModifiedTime(path, FileTime.from(modified));
  }

  /**
   * Commits a manifest over shard files of the given sizes (each of a tenth as many rows), created
   * {@code age} ago; every file of the checkpoint is that old.
   */
  void commit(
      CheckpointScope scope, String id, String name, boolean append, Duration age, long... sizes)
      throws IOException {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    CheckpointPaths paths = ScopeTree.of(root.toString(), scope, id).checkpoint(name);
    String writeId = "w" + sizes.length + (append ? "a" + age.toMinutes() : "");
    List<ShardFile> shards = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      String fileName = CheckpointPaths.shardFileName(writeId, i, sizes.length, ".parquet");
      file(Path.of(paths.file(fileName).toString()), (int) sizes[i], now.minus(age));
      shards.add(ShardFile.of(fileName, sizes[i] / 10, sizes[i]));
    }
    Manifest manifest =
        Manifest.builder()
            .setName(name)
            .setScope(scope)
            .setId(id)
            .setWriteId(writeId)
            .setFileFormat(CheckpointFormat.PARQUET)
            .setSchema(CustomerCheckpoint.CUSTOMER)
            .setShards(shards)
            .setCreatedAt(now.minus(age))
            .setLibraryVersion("0.1.0-test")
            .setBeamVersion("2.62.0")
            .setAppend(append)
            .build();
    ManifestFiles.createIfAbsent(manifest, CommittedManifests.location(paths, manifest));
    try (Stream<Path> files = Files.walk(Path.of(paths.directory().toString()))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, FileTime.from(now.minus(age)));
      }
    }
  }

  /**
   * A run 'nightly/2026-11-23' with 'orders' (3 shards: 100, 200 and 300 bytes, 60 rows, 3d 2h
   * old), a correlation 'wf-7' with 'customers' of two appends (50 and 70 bytes, 12 rows, 1h 5m and
   * 2h 10m old) and a run 'crashed' that never committed (one file of 4096 bytes, 4d 1h old).
   */
  void threeTrees() throws IOException {
    commit(
        CheckpointScope.RUN,
        "nightly/2026-11-23",
        "orders",
        false,
        Duration.ofMinutes(74 * 60 + 30),
        100,
        200,
        300);
    commit(
        CheckpointScope.CORRELATION,
        "wf-7",
        "customers",
        true,
        Duration.ofSeconds(65 * 60 + 30),
        50);
    commit(CheckpointScope.CORRELATION, "wf-7", "customers", true, Duration.ofMinutes(130), 70);
    file(
        root.resolve("runs/crashed/orders/.tmp-x/part-0"),
        4096,
        now.minus(Duration.ofMinutes(97 * 60 + 30)));
  }
}
