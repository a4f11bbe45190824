package org.checkpointio.manifest;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One data shard as a manifest records it: file name (relative to the checkpoint), rows, bytes, and
 * the CRC32C of its content (8 lower-case hex digits; absent in manifests of format version 1).
 */
@AutoValue
public abstract class ShardFile implements Serializable, Comparable<ShardFile> {
  public abstract String fileName();

  public abstract long rowCount();

  public abstract long sizeBytes();

  /** The CRC32C of the whole file, as 8 lower-case hex digits; null if the manifest has none. */
  public abstract @Nullable String crc32c();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  public static ShardFile of(String fileName, long rowCount, long sizeBytes) {
    return new AutoValue_ShardFile(fileName, rowCount, sizeBytes, null);
  }

  public static ShardFile of(
      String fileName, long rowCount, long sizeBytes, @Nullable String crc32c) {
    return new AutoValue_ShardFile(fileName, rowCount, sizeBytes, crc32c);
  }

  /** This shard under another file name, as a write's final name replaces its temporary one. */
  public ShardFile renamed(String newFileName) {
    return new AutoValue_ShardFile(newFileName, rowCount(), sizeBytes(), crc32c());
  }

  @Override
  public int compareTo(ShardFile other) {
    return fileName().compareTo(other.fileName());
  }
}
