package org.checkpointio.format;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.NoSuchFileException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;

/**
 * A shard file a reader is handed, and what to report if it is not there: a format reads files,
 * while why a listed file can be gone (overwritten since the read began, or lost) is the caller's
 * to tell.
 */
public interface ShardToRead extends Serializable {
  /** The file's full path. */
  String path();

  /**
   * The failure to raise because the file is not there.
   *
   * @param cause what reported it missing, if anything did
   * @throws IOException if finding out why fails
   */
  CheckpointCorruptedException missing(@Nullable Throwable cause) throws IOException;

  /**
   * True if {@code failure}, or what it wraps, says a file is not there: Beam's file systems
   * report it as {@link FileNotFoundException} or {@link NoSuchFileException}, and libraries
   * reading through them may wrap either.
   */
  static boolean isMissingFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof FileNotFoundException || t instanceof NoSuchFileException) {
        return true;
      }
    }
    return false;
  }
}
