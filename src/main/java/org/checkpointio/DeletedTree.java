package org.checkpointio;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * What one deletion did to one run's or correlation's tree: {@link CheckpointIO#cleanup}'s
 * output, and what {@link CheckpointStore#delete} returns. Has a Beam schema, so a {@code
 * PCollection} of them works with {@code Select}, SQL and cross-language transforms.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class DeletedTree {
  /** The tree's directory. */
  @SchemaFieldNumber("0")
  public abstract String getDirectory();

  @SchemaFieldNumber("1")
  public abstract long getFilesDeleted();

  @SchemaFieldNumber("2")
  public abstract long getBytesDeleted();

  /** Files that could not be deleted after retries (each logged as a warning). */
  @SchemaFieldNumber("3")
  public abstract long getFailures();

  /** A deletion's outcome; made by the library's deletions. */
  public static DeletedTree of(String directory, long files, long bytes, long failures) {
    return builder()
        .setDirectory(directory)
        .setFilesDeleted(files)
        .setBytesDeleted(bytes)
        .setFailures(failures)
        .build();
  }

  /** Beam's schema support builds values through this; the library uses the factories above. */
  public static Builder builder() {
    return new AutoValue_DeletedTree.Builder();
  }

  /** Builds a {@link DeletedTree}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setDirectory(String directory);

    public abstract Builder setFilesDeleted(long filesDeleted);

    public abstract Builder setBytesDeleted(long bytesDeleted);

    public abstract Builder setFailures(long failures);

    public abstract DeletedTree build();
  }
}
