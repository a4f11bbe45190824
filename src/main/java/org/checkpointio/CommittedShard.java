package org.checkpointio;

import com.google.auto.value.AutoValue;

/** One shard a committed write lists: the file that holds some of a checkpoint's rows. */
@AutoValue
public abstract class CommittedShard {
  /** The shard's absolute path or URI. */
  public abstract String file();

  /** The shard's file name within its checkpoint's directory. */
  public abstract String fileName();

  public abstract long rows();

  public abstract long bytes();

  static CommittedShard of(String file, String fileName, long rows, long bytes) {
    return new AutoValue_CommittedShard(file, fileName, rows, bytes);
  }
}
