package org.checkpointio.cleanup;

import com.google.auto.value.AutoValue;
import java.io.Serializable;

/** What one cleanup did to one scope tree. */
@AutoValue
public abstract class DeletedTree implements Serializable {
  /** The tree's directory. */
  public abstract String directory();

  public abstract long filesDeleted();

  public abstract long bytesDeleted();

  /** Files that could not be deleted after retries. */
  public abstract long failures();

  // Declared so that SerializableCoder sees value equality; AutoValue implements both.
  @Override
  public abstract boolean equals(Object other);

  @Override
  public abstract int hashCode();

  public static DeletedTree of(String directory, long files, long bytes, long failures) {
    return new AutoValue_DeletedTree(directory, files, bytes, failures);
  }
}
