package org.checkpointio.write;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.checkpointio.manifest.ShardFile;

/** A finished temporary shard file and the shard it becomes when the commit moves it. */
@AutoValue
abstract class PlannedShard implements Serializable {
  /** Its name in the write's temporary directory. */
  abstract String tempFileName();

  /** The shard as the manifest will list it, under its final name. */
  abstract ShardFile shard();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  static PlannedShard of(String tempFileName, ShardFile shard) {
    return new AutoValue_PlannedShard(tempFileName, shard);
  }
}
