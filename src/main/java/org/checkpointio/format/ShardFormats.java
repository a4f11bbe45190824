package org.checkpointio.format;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCompression;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.format.arrow.ArrowShardFormat;
import org.checkpointio.format.parquet.ParquetShardFormat;

/** The {@link ShardFormat} of each {@link CheckpointFormat}, with default or given settings. */
public final class ShardFormats {
  private ShardFormats() {}

  /** The format with its default settings; what a read needs, since files describe themselves. */
  public static ShardFormat of(CheckpointFormat format) {
    switch (format) {
      case PARQUET:
        return ParquetShardFormat.withDefaults();
      case ARROW:
        return ArrowShardFormat.withDefaults();
      default:
        throw new IllegalArgumentException("Unsupported checkpoint format " + format);
    }
  }

  /**
   * The format with a write's settings; a null setting keeps the format's default.
   *
   * @throws IllegalArgumentException if a setting does not apply to {@code format}
   */
  public static ShardFormat forWrite(
      CheckpointFormat format,
      @Nullable CheckpointCompression compression,
      @Nullable Integer rowGroupBytes,
      @Nullable Integer batchRows) {
    switch (format) {
      case PARQUET:
        rejectSetting(format, "withBatchRows", batchRows, CheckpointFormat.ARROW);
        ParquetShardFormat parquet = ParquetShardFormat.withDefaults();
        parquet = compression == null ? parquet : parquet.withCompression(compression);
        return rowGroupBytes == null ? parquet : parquet.withRowGroupBytes(rowGroupBytes);
      case ARROW:
        rejectSetting(format, "withRowGroupBytes", rowGroupBytes, CheckpointFormat.PARQUET);
        ArrowShardFormat arrow = ArrowShardFormat.withDefaults();
        arrow = compression == null ? arrow : arrow.withCompression(compression);
        return batchRows == null ? arrow : arrow.withBatchRows(batchRows);
      default:
        throw new IllegalArgumentException("Unsupported checkpoint format " + format);
    }
  }

  private static void rejectSetting(
      CheckpointFormat format, String setting, @Nullable Object value, CheckpointFormat owner) {
    if (value != null) {
      throw new IllegalArgumentException(
          String.format(
              "%s(%s) applies to %s writes, but this write is %s; remove it or use "
                  + "withFormat(CheckpointFormat.%s)",
              setting, value, owner, format, owner));
    }
  }
}
