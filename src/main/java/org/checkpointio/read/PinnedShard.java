package org.checkpointio.read;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.format.ShardToRead;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;

/** A shard as the manifest a read resolved lists it: the read trusts only this. */
@AutoValue
abstract class PinnedShard implements ShardToRead {
  @Override
  public abstract String path();

  abstract long sizeBytes();

  /** The CRC32C its manifest recorded, or null if the manifest has none (format version 1). */
  abstract @Nullable String crc32c();

  abstract String writeId();

  /** The manifest that listed the shard, to tell "overwritten since" from "lost". */
  abstract String manifestPath();

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
      String manifestPath) {
    return new AutoValue_PinnedShard(path, sizeBytes, crc32c, writeId, manifestPath);
  }

  /**
   * The shard is gone: the checkpoint was overwritten (and the old shards collected) after this
   * read resolved it, or, if its manifest is still the one there, the checkpoint is damaged.
   */
  @Override
  public CheckpointCorruptedException missing(@Nullable Throwable cause) throws IOException {
    Optional<Manifest> current =
        ManifestFiles.read(FileSystems.matchNewResource(manifestPath(), false));
    if (current.isEmpty() || !current.get().writeId().equals(writeId())) {
      String by = current.map(m -> " by write " + m.writeId()).orElse("");
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
