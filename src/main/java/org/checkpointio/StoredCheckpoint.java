package org.checkpointio;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A committed checkpoint as the read rule finds it now: its committed writes (the exclusive one
 * first, then the appends it does not supersede) and so exactly the shard files that hold its
 * rows. What {@link CheckpointStore#checkpoint} and {@link CheckpointStore#contents} return.
 */
@AutoValue
public abstract class StoredCheckpoint {
  public abstract String name();

  public abstract CheckpointScope scope();

  /** The run or correlation id. */
  public abstract String id();

  /** The checkpoint's directory: an absolute path or URI, ending with {@code /}. */
  public abstract String directory();

  public abstract CheckpointFormat format();

  /** The schema of its rows: the first committed write's, which later appends are aligned to. */
  public abstract Schema schema();

  /** The live writes, the exclusive one first; never empty. */
  public abstract List<CommittedWrite> writes();

  public long rows() {
    return writes().stream().mapToLong(CommittedWrite::rows).sum();
  }

  public long bytes() {
    return writes().stream().mapToLong(CommittedWrite::bytes).sum();
  }

  /** When its newest live write was committed. */
  public Instant lastCommittedAt() {
    return writes().stream()
        .map(CommittedWrite::committedAt)
        .max(Comparator.naturalOrder())
        .orElseThrow();
  }

  /**
   * Every file that holds its rows, absolute, in the order of {@link #writes} and of their shards:
   * what a reader outside Beam should read, and nothing else in the directory.
   */
  public List<String> shardFiles() {
    return writes().stream()
        .flatMap(write -> write.shards().stream())
        .map(CommittedShard::file)
        .toList();
  }

  static StoredCheckpoint of(
      String name,
      CheckpointScope scope,
      String id,
      String directory,
      CheckpointFormat format,
      Schema schema,
      List<CommittedWrite> writes) {
    return new AutoValue_StoredCheckpoint(name, scope, id, directory, format, schema, writes);
  }
}
