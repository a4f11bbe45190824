package org.checkpointio.manifest;

import com.google.auto.value.AutoValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;

/**
 * The commit record of one write: what was written, where, and by which versions. A checkpoint
 * exists only once its manifest is on storage, and readers trust nothing it does not list.
 */
@AutoValue
public abstract class Manifest implements Serializable {
  /** Bumped when the JSON layout changes incompatibly; readers reject versions they don't know. */
  public static final int FORMAT_VERSION = 2;

  public abstract String name();

  public abstract CheckpointScope scope();

  /** The run id or correlation id, as given (not encoded). */
  public abstract String id();

  public abstract String writeId();

  public abstract CheckpointFormat fileFormat();

  public abstract Schema schema();

  /** Sorted by file name. */
  public abstract List<ShardFile> shards();

  public abstract Instant createdAt();

  public abstract String libraryVersion();

  public abstract String beamVersion();

  /** True for an appending (fan-in) write, which commits a manifest of its own. */
  public abstract boolean append();

  /**
   * For an exclusive write: the append writes it replaced. Their manifests no longer count even
   * while they are still on storage (they are deleted right after this commit).
   */
  public abstract List<String> supersedes();

  /**
   * For an exclusive write: the version its commit created (1, 2, …), one above the version the
   * write started from. 0 for an append, and for an exclusive manifest of format version 1.
   */
  public abstract long version();

  /**
   * The version of the code or configuration that produced the rows, as the writing pipeline
   * gave it (for example a commit hash); null if none was given. {@code reuseOrCompute} reuses a
   * checkpoint only if it equals the version asked for.
   */
  public abstract @Nullable String producerVersion();

  /** The format version of the JSON this manifest was read from, or is written as. */
  public abstract int formatVersion();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  public long totalRows() {
    return shards().stream().mapToLong(ShardFile::rowCount).sum();
  }

  public long totalBytes() {
    return shards().stream().mapToLong(ShardFile::sizeBytes).sum();
  }

  public static Builder builder() {
    return new AutoValue_Manifest.Builder()
        .setAppend(false)
        .setSupersedes(List.of())
        .setVersion(0)
        .setFormatVersion(FORMAT_VERSION);
  }

  /** Builds a manifest; {@link #shards} are sorted on build. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setName(String name);

    public abstract Builder setScope(CheckpointScope scope);

    public abstract Builder setId(String id);

    public abstract Builder setWriteId(String writeId);

    public abstract Builder setFileFormat(CheckpointFormat format);

    public abstract Builder setSchema(Schema schema);

    public abstract Builder setShards(List<ShardFile> shards);

    public abstract Builder setCreatedAt(Instant createdAt);

    public abstract Builder setLibraryVersion(String version);

    public abstract Builder setBeamVersion(String version);

    public abstract Builder setAppend(boolean append);

    public abstract Builder setSupersedes(List<String> writeIds);

    public abstract Builder setVersion(long version);

    public abstract Builder setFormatVersion(int formatVersion);

    public abstract Builder setProducerVersion(@Nullable String producerVersion);

    abstract List<ShardFile> shards();

    abstract Manifest autoBuild();

    public Manifest build() {
      setShards(shards().stream().sorted().toList());
      return autoBuild();
    }
  }
}
