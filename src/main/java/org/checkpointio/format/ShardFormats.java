package org.checkpointio.format;

import org.checkpointio.CheckpointFormat;
import org.checkpointio.format.parquet.ParquetShardFormat;

/** The {@link ShardFormat} of each {@link CheckpointFormat}, with its default settings. */
public final class ShardFormats {
  private ShardFormats() {}

  public static ShardFormat of(CheckpointFormat format) {
    switch (format) {
      case PARQUET:
        return ParquetShardFormat.withDefaults();
      default:
        throw new IllegalArgumentException("Unsupported checkpoint format " + format);
    }
  }
}
