package org.checkpointio;

/**
 * A committed manifest lists a shard that is missing, has another size or another CRC32C than
 * recorded, or cannot be decoded. The message names the file.
 */
public class CheckpointCorruptedException extends RuntimeException {
  private final String file;

  public CheckpointCorruptedException(String file, String message) {
    this(file, message, null);
  }

  public CheckpointCorruptedException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The shard file at fault. */
  public String getFile() {
    return file;
  }
}
