package org.checkpointio;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * One run's or one correlation's tree under a root ({@code {root}/runs/{runId}/} or {@code
 * {root}/correlations/{correlationId}/}) as a listing found it: its files, their total size and
 * the newest one's time. What {@link CheckpointStore#trees} lists and the TTL sweep looks at. Has
 * a Beam schema, so a {@code PCollection} of them works with {@code Select}, SQL and
 * cross-language transforms.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class CheckpointTree {
  /** The tree's directory: a local path or a URI, ending with {@code /}. */
  @SchemaFieldNumber("0")
  public abstract String getDirectory();

  @SchemaFieldNumber("1")
  public abstract CheckpointScope getScope();

  /** The run or correlation id, decoded from the directory name. */
  @SchemaFieldNumber("2")
  public abstract String getId();

  /** Files (and links, each counted as one) under the tree. */
  @SchemaFieldNumber("3")
  public abstract long getFiles();

  @SchemaFieldNumber("4")
  public abstract long getBytes();

  /** Last-modified time of the tree's newest file, in epoch milliseconds. */
  @SchemaFieldNumber("5")
  public abstract long getNewestFileMillis();

  /** A tree as listed; made by the library's listings. */
  public static CheckpointTree of(
      String directory,
      CheckpointScope scope,
      String id,
      long files,
      long bytes,
      long newestFileMillis) {
    return builder()
        .setDirectory(directory)
        .setScope(scope)
        .setId(id)
        .setFiles(files)
        .setBytes(bytes)
        .setNewestFileMillis(newestFileMillis)
        .build();
  }

  /** Beam's schema support builds values through this; the library uses the factories above. */
  public static Builder builder() {
    return new AutoValue_CheckpointTree.Builder();
  }

  /** Builds a {@link CheckpointTree}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setDirectory(String directory);

    public abstract Builder setScope(CheckpointScope scope);

    public abstract Builder setId(String id);

    public abstract Builder setFiles(long files);

    public abstract Builder setBytes(long bytes);

    public abstract Builder setNewestFileMillis(long newestFileMillis);

    public abstract CheckpointTree build();
  }
}
