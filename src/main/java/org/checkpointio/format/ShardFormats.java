package org.checkpointio.format;

import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCompression;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.format.arrow.ArrowShardFormat;
import org.checkpointio.format.parquet.ParquetShardFormat;

/** The {@link ShardFormat} of each {@link CheckpointFormat}, with default or given settings. */
public final class ShardFormats {
  private static final String DIRECT_RUNNER = "org.apache.beam.runners.direct.DirectRunner";

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

  /**
   * Checks, while a pipeline is built, what {@code format} needs of the JVM, when that JVM is the
   * one that will run the pipeline (the DirectRunner). Other runners' workers are other JVMs: the
   * format checks them before a write's first file.
   *
   * @throws IllegalStateException naming {@code transform} and what to pass
   */
  public static void checkRuntimeOfLocalRun(
      ShardFormat format, PipelineOptions options, String transform) {
    if (!DIRECT_RUNNER.equals(options.getRunner().getName())) {
      return;
    }
    try {
      format.checkRuntime();
    } catch (IllegalStateException e) {
      throw new IllegalStateException(transform + ": " + e.getMessage(), e);
    }
  }
}
