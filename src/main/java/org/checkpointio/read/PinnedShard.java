package org.checkpointio.read;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.format.ShardToRead;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;

/** A shard as the manifest a read resolved lists it: the read trusts only this. */
@AutoValue
abstract class PinnedShard implements ShardToRead {
  @Override
  public abstract String path();

  abstract long sizeBytes();

  /** The CRC32C its manifest recorded, or null if the manifest has none (format version 1). */
  abstract @Nullable String crc32c();

  abstract String writeId();

  /** The manifest that listed the shard. */
  abstract String manifestPath();

  /** The checkpoint whose live manifests tell "overwritten since" from "lost". */
  abstract CheckpointPaths checkpoint();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  static PinnedShard of(
      String path,
      long sizeBytes,
      @Nullable String crc32c,
      String writeId,
      String manifestPath,
      CheckpointPaths checkpoint) {
    return new AutoValue_PinnedShard(path, sizeBytes, crc32c, writeId, manifestPath, checkpoint);
  }

  /**
   * The shard is gone: the checkpoint was overwritten (and the old shards collected) after this
   * read resolved it, or, if the write that listed it is still live, the checkpoint is damaged.
   */
  @Override
  public CheckpointCorruptedException missing(@Nullable Throwable cause) throws IOException {
    List<Manifest> live = CommittedManifests.read(checkpoint());
    if (live.stream().noneMatch(manifest -> manifest.writeId().equals(writeId()))) {
      String by =
          live.stream()
              .filter(manifest -> !manifest.append())
              .findFirst()
              .map(m -> " by write " + m.writeId())
              .orElse("");
      return new CheckpointCorruptedException(
          path(),
          String.format(
              "Shard %s of write %s is gone: the checkpoint was overwritten%s (and the old shards "
                  + "collected) after this read resolved it. Re-run the read to see the new data.",
              path(), writeId(), by),
          cause);
    }
    return new CheckpointCorruptedException(
        path(),
        String.format(
            "Shard %s listed by manifest %s is missing. The checkpoint is damaged; "
                + "re-run the write that produces it.",
            path(), manifestPath()),
        cause);
  }
}
