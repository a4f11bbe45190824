package org.checkpointio;

import java.time.Instant;
import java.util.List;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

/** Manifests made by hand, for tests of what reads and commits do with them. */
public final class TestManifests {
  private TestManifests() {}

  /** An exclusive manifest of {@code paths} at {@code version}, listing one shard of the write. */
  public static Manifest exclusive(CheckpointPaths paths, String writeId, long version) {
    return builder(paths, writeId).setVersion(version).build();
  }

  /** An append manifest of {@code paths}, listing one shard of the write. */
  public static Manifest append(CheckpointPaths paths, String writeId) {
    return builder(paths, writeId).setAppend(true).build();
  }

  public static Manifest.Builder builder(CheckpointPaths paths, String writeId) {
    return Manifest.builder()
        .setName(paths.name())
        .setScope(paths.tree().scope())
        .setId(paths.tree().id())
        .setWriteId(writeId)
        .setFileFormat(CheckpointFormat.PARQUET)
        .setSchema(TestRows.ORDER)
        .setShards(
            List.of(
                ShardFile.of(
                    CheckpointPaths.shardFileName(writeId, 0, 1, ".parquet"), 3, 30, "0000abcd")))
        .setCreatedAt(Instant.parse("2026-11-23T00:00:00Z"))
        .setLibraryVersion("test")
        .setBeamVersion("test");
  }
}
