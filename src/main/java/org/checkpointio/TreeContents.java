package org.checkpointio;

import com.google.auto.value.AutoValue;
import java.util.List;
import java.util.SortedMap;

/**
 * The committed checkpoints of one run's or correlation's tree, by name, and those whose
 * manifests could not be read (name to why), so one damaged checkpoint does not hide the others.
 * What {@link CheckpointStore#contents} returns.
 */
@AutoValue
public abstract class TreeContents {
  /** The committed checkpoints, sorted by name. */
  public abstract List<StoredCheckpoint> checkpoints();

  /** Checkpoints whose manifests could not be read: name to the reason. */
  public abstract SortedMap<String, String> unreadable();

  static TreeContents of(List<StoredCheckpoint> checkpoints, SortedMap<String, String> unreadable) {
    return new AutoValue_TreeContents(checkpoints, unreadable);
  }
}
