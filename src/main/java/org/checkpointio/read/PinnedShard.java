package org.checkpointio.read;

import com.google.auto.value.AutoValue;
import java.io.Serializable;

/** A shard as the manifest a read resolved lists it: the read trusts only this. */
@AutoValue
abstract class PinnedShard implements Serializable {
  abstract String path();

  abstract long sizeBytes();

  abstract String writeId();

  /** The manifest that listed the shard, to tell "overwritten since" from "lost". */
  abstract String manifestPath();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  static PinnedShard of(String path, long sizeBytes, String writeId, String manifestPath) {
    return new AutoValue_PinnedShard(path, sizeBytes, writeId, manifestPath);
  }
}
