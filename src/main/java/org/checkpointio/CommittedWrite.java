package org.checkpointio;

import com.google.auto.value.AutoValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One committed write of a checkpoint, as its manifest records it: an exclusive write, or one of
 * the appends the read rule takes with it.
 */
@AutoValue
public abstract class CommittedWrite {
  public abstract String writeId();

  /** True for an append ({@code withAppend()}), false for the exclusive write. */
  public abstract boolean append();

  /** The exclusive write's manifest version (1 or more); 0 for an append. */
  public abstract long version();

  /** Where its manifest is stored: an absolute path or URI. */
  public abstract String manifestFile();

  public abstract Instant committedAt();

  /** The CheckpointIO version that wrote it. */
  public abstract String libraryVersion();

  /** The Apache Beam version that wrote it. */
  public abstract String beamVersion();

  /** The producer's version, if the write gave one ({@code reuseOrCompute(...).withVersion}). */
  public abstract Optional<String> producerVersion();

  /** Its shards, in the manifest's order. */
  public abstract List<CommittedShard> shards();

  public long rows() {
    return shards().stream().mapToLong(CommittedShard::rows).sum();
  }

  public long bytes() {
    return shards().stream().mapToLong(CommittedShard::bytes).sum();
  }

  static Builder builder() {
    return new AutoValue_CommittedWrite.Builder();
  }

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setWriteId(String writeId);

    abstract Builder setAppend(boolean append);

    abstract Builder setVersion(long version);

    abstract Builder setManifestFile(String manifestFile);

    abstract Builder setCommittedAt(Instant committedAt);

    abstract Builder setLibraryVersion(String libraryVersion);

    abstract Builder setBeamVersion(String beamVersion);

    abstract Builder setProducerVersion(Optional<String> producerVersion);

    abstract Builder setShards(List<CommittedShard> shards);

    abstract CommittedWrite build();
  }
}
