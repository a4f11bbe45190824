package org.checkpointio;

import com.google.auto.value.AutoValue;
import org.apache.beam.sdk.schemas.AutoValueSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaFieldNumber;

/**
 * One tree a TTL sweep deleted, or in a dry run would delete: the tree as it was listed, whether
 * it was deleted, and the files its deletion could not delete. Has a Beam schema, so a {@code
 * PCollection} of them works with {@code Select}, SQL and cross-language transforms.
 */
@DefaultSchema(AutoValueSchema.class)
@AutoValue
public abstract class SweptTree {
  @SchemaFieldNumber("0")
  public abstract String getDirectory();

  @SchemaFieldNumber("1")
  public abstract CheckpointScope getScope();

  /** The run or correlation id, decoded from the directory name. */
  @SchemaFieldNumber("2")
  public abstract String getId();

  @SchemaFieldNumber("3")
  public abstract long getFiles();

  @SchemaFieldNumber("4")
  public abstract long getBytes();

  /** Last-modified time of the tree's newest file, in epoch milliseconds. */
  @SchemaFieldNumber("5")
  public abstract long getNewestFileMillis();

  /** False in a dry run. */
  @SchemaFieldNumber("6")
  public abstract boolean isDeleted();

  /** Files of a deleted tree that could not be deleted (each logged as a warning); else 0. */
  @SchemaFieldNumber("7")
  public abstract long getFailures();

  /** {@code tree}, which a dry run would delete. */
  public static SweptTree wouldDelete(CheckpointTree tree) {
    return of(tree, false, 0);
  }

  /** {@code tree}, deleted, with the files its deletion could not delete. */
  public static SweptTree deleted(CheckpointTree tree, long failures) {
    return of(tree, true, failures);
  }

  private static SweptTree of(CheckpointTree tree, boolean deleted, long failures) {
    return builder()
        .setDirectory(tree.getDirectory())
        .setScope(tree.getScope())
        .setId(tree.getId())
        .setFiles(tree.getFiles())
        .setBytes(tree.getBytes())
        .setNewestFileMillis(tree.getNewestFileMillis())
        .setDeleted(deleted)
        .setFailures(failures)
        .build();
  }

  /** Beam's schema support builds values through this; the library uses the factories above. */
  public static Builder builder() {
    return new AutoValue_SweptTree.Builder();
  }

  /** Builds a {@link SweptTree}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setDirectory(String directory);

    public abstract Builder setScope(CheckpointScope scope);

    public abstract Builder setId(String id);

    public abstract Builder setFiles(long files);

    public abstract Builder setBytes(long bytes);

    public abstract Builder setNewestFileMillis(long newestFileMillis);

    public abstract Builder setDeleted(boolean deleted);

    public abstract Builder setFailures(long failures);

    public abstract SweptTree build();
  }
}
