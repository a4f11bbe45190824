package org.checkpointio.manifest;

import com.google.auto.value.AutoValue;
import java.io.Serializable;

/** One data shard as a manifest records it: file name (relative to the checkpoint), rows, bytes. */
@AutoValue
public abstract class ShardFile implements Serializable, Comparable<ShardFile> {
  public abstract String fileName();

  public abstract long rowCount();

  public abstract long sizeBytes();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  public static ShardFile of(String fileName, long rowCount, long sizeBytes) {
    return new AutoValue_ShardFile(fileName, rowCount, sizeBytes);
  }

  @Override
  public int compareTo(ShardFile other) {
    return fileName().compareTo(other.fileName());
  }
}
