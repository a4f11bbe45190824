package org.checkpointio.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

/** The shards committed manifests list, pinned to their manifests, and their verification. */
public final class CommittedShards {
  private CommittedShards() {}

  /** Each shard {@code manifest} lists, with what it recorded of it. */
  static List<PinnedShard> pin(CheckpointPaths paths, Manifest manifest) {
    String manifestPath = CommittedManifests.location(paths, manifest).toString();
    List<PinnedShard> pinned = new ArrayList<>(manifest.shards().size());
    for (ShardFile shard : manifest.shards()) {
      pinned.add(
          PinnedShard.of(
              paths.file(shard.fileName()).toString(),
              shard.sizeBytes(),
              shard.crc32c(),
              manifest.writeId(),
              manifestPath,
              paths));
    }
    return pinned;
  }

  /**
   * Checks every shard the manifests list, as a read does before it decodes one: there, of the
   * recorded size and CRC32C. Streams every byte once.
   *
   * @throws org.checkpointio.CheckpointCorruptedException naming the first damaged file
   */
  public static void verify(CheckpointPaths paths, List<Manifest> manifests) throws IOException {
    for (Manifest manifest : manifests) {
      for (PinnedShard shard : pin(paths, manifest)) {
        VerifyPinnedShard.verify(shard);
      }
    }
  }
}
