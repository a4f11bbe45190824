package org.checkpointio.format.arrow;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointCompression;
import org.checkpointio.format.ReadShardBlocks;
import org.checkpointio.format.ShardFormat;

/**
 * Arrow IPC file shards ({@code .arrow}, Feather v2): written batch by batch from Beam rows,
 * read record batch by record batch through Beam's Arrow extension.
 */
public final class ArrowShardFormat implements ShardFormat {
  /** Rows per record batch unless set; chosen by measurement, see docs/formats.md. */
  public static final int DEFAULT_BATCH_ROWS = 64 * 1024;

  public static final int MIN_BATCH_ROWS = 1;
  /** A batch is held in memory while it is filled. */
  public static final int MAX_BATCH_ROWS = 1024 * 1024;

  public static final CheckpointCompression DEFAULT_COMPRESSION =
      CheckpointCompression.UNCOMPRESSED;
  public static final Set<CheckpointCompression> COMPRESSIONS =
      Collections.unmodifiableSet(
          EnumSet.of(
              CheckpointCompression.UNCOMPRESSED,
              CheckpointCompression.LZ4_FRAME,
              CheckpointCompression.ZSTD));

  private final int batchRows;
  private final CheckpointCompression compression;

  private ArrowShardFormat(int batchRows, CheckpointCompression compression) {
    this.batchRows = batchRows;
    this.compression = compression;
  }

  /** Uncompressed, {@link #DEFAULT_BATCH_ROWS} rows per batch. */
  public static ArrowShardFormat withDefaults() {
    return new ArrowShardFormat(DEFAULT_BATCH_ROWS, DEFAULT_COMPRESSION);
  }

  /** One of {@link #COMPRESSIONS}. */
  public ArrowShardFormat withCompression(CheckpointCompression compression) {
    if (!COMPRESSIONS.contains(compression)) {
      throw new IllegalArgumentException(
          String.format(
              "compression %s is not available for ARROW; use one of %s",
              compression, COMPRESSIONS));
    }
    return new ArrowShardFormat(batchRows, compression);
  }

  /** Between {@link #MIN_BATCH_ROWS} and {@link #MAX_BATCH_ROWS}. */
  public ArrowShardFormat withBatchRows(int batchRows) {
    return new ArrowShardFormat(batchRows, compression);
  }

  @Override
  public String fileSuffix() {
    return ".arrow";
  }

  @Override
  public void checkSupported(Schema schema) {
    ArrowRowCodec.of(schema);
  }

  @Override
  public void checkRuntime() {
    ArrowRuntime.check();
  }

  @Override
  public FileIO.Sink<Row> newSink(Schema schema) {
    return new RowArrowSink(schema, batchRows, codecType());
  }

  private CompressionUtil.CodecType codecType() {
    switch (compression) {
      case LZ4_FRAME:
        return CompressionUtil.CodecType.LZ4_FRAME;
      case ZSTD:
        return CompressionUtil.CodecType.ZSTD;
      default:
        return CompressionUtil.CodecType.NO_COMPRESSION;
    }
  }

  @Override
  public ReadShardBlocks newReader(Schema schema, Schema outputSchema, Counter rowsRead) {
    return new ReadArrowShards(outputSchema, rowsRead);
  }
}
