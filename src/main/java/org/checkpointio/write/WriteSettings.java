package org.checkpointio.write;

import com.google.auto.value.AutoValue;
import java.io.Serializable;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/** How one write commits: its mode, the version it started from, and how long files are kept. */
@AutoValue
public abstract class WriteSettings implements Serializable {
  /** How long the shards of a superseded write stay for reads that resolved it, by default. */
  public static final Duration DEFAULT_RETENTION = Duration.standardHours(1);

  /**
   * How old a file no manifest lists must be before a commit collects it, by default: longer than
   * any write runs between its first shard and its commit.
   */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.standardHours(24);

  public abstract boolean append();

  /** The highest exclusive version committed when the write was built; 0 if none. */
  public abstract long baseVersion();

  public abstract Duration retention();

  public abstract Duration gracePeriod();

  /** Recorded in the manifest (see {@link org.checkpointio.manifest.Manifest#producerVersion}). */
  public abstract @Nullable String producerVersion();

  public static WriteSettings of(
      boolean append, long baseVersion, Duration retention, Duration gracePeriod) {
    return new AutoValue_WriteSettings(append, baseVersion, retention, gracePeriod, null);
  }

  public WriteSettings withProducerVersion(@Nullable String producerVersion) {
    return new AutoValue_WriteSettings(
        append(), baseVersion(), retention(), gracePeriod(), producerVersion);
  }
}
