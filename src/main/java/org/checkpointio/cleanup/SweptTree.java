package org.checkpointio.cleanup;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.checkpointio.CheckpointScope;

/** One scope tree a TTL sweep looked at: its age, its size, and whether it was deleted. */
@AutoValue
public abstract class SweptTree implements Serializable {
  public abstract String directory();

  public abstract CheckpointScope scope();

  /** The run or correlation id, decoded from the directory name. */
  public abstract String id();

  public abstract long files();

  public abstract long bytes();

  /** Last-modified time of the tree's newest file, in epoch milliseconds. */
  public abstract long newestFileMillis();

  /** False in a dry run, or when the tree was no longer expired when its turn came. */
  public abstract boolean deleted();

  /** Files of a deleted tree that could not be deleted (each logged as a warning); else 0. */
  public abstract long failures();

  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  public static SweptTree of(
      String directory,
      CheckpointScope scope,
      String id,
      long files,
      long bytes,
      long newestFileMillis,
      boolean deleted) {
    return new AutoValue_SweptTree(
        directory, scope, id, files, bytes, newestFileMillis, deleted, 0);
  }

  /** This tree, deleted, with the files its deletion could not delete. */
  SweptTree asDeleted(long failures) {
    return new AutoValue_SweptTree(
        directory(), scope(), id(), files(), bytes(), newestFileMillis(), true, failures);
  }
}
