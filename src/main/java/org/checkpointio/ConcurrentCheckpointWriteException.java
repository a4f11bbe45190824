package org.checkpointio;

/**
 * An exclusive write lost the race to commit its checkpoint: another write of the same name
 * committed after this one started (an orchestrator's retry while the first attempt still ran, or
 * two jobs writing one name). Nothing of the other write is touched; this write's shards are
 * removed. Re-run this write to replace the checkpoint, or give concurrent writers different names.
 */
public class ConcurrentCheckpointWriteException extends IllegalStateException {
  private final String name;
  private final String writeId;
  private final String committedWriteId;

  public ConcurrentCheckpointWriteException(
      String name, String writeId, String committedWriteId, String message) {
    super(message);
    this.name = name;
    this.writeId = writeId;
    this.committedWriteId = committedWriteId;
  }

  /** The checkpoint name. */
  public String getName() {
    return name;
  }

  /** The write that lost and did not commit. */
  public String getWriteId() {
    return writeId;
  }

  /** The write that committed first. */
  public String getCommittedWriteId() {
    return committedWriteId;
  }
}
