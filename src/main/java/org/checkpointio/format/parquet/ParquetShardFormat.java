package org.checkpointio.format.parquet;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.checkpointio.CheckpointCompression;
import org.checkpointio.format.ReadShardBlocks;
import org.checkpointio.format.ShardFormat;

/** Parquet shards, written with parquet-avro and read row group by row group. */
public final class ParquetShardFormat implements ShardFormat {
  /** Parquet's own default row-group size. */
  public static final int DEFAULT_ROW_GROUP_BYTES = 128 * 1024 * 1024;
  /** Smaller row groups are all overhead; this bound mostly lets tests make several of them. */
  public static final int MIN_ROW_GROUP_BYTES = 64 * 1024;
  /** A row group is buffered in memory while it is written. */
  public static final int MAX_ROW_GROUP_BYTES = 1024 * 1024 * 1024;

  public static final CheckpointCompression DEFAULT_COMPRESSION = CheckpointCompression.SNAPPY;
  public static final Set<CheckpointCompression> COMPRESSIONS =
      Collections.unmodifiableSet(
          EnumSet.of(
              CheckpointCompression.UNCOMPRESSED,
              CheckpointCompression.SNAPPY,
              CheckpointCompression.GZIP,
              CheckpointCompression.ZSTD));

  private final CompressionCodecName compression;
  private final int rowGroupBytes;

  private ParquetShardFormat(CompressionCodecName compression, int rowGroupBytes) {
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  /** SNAPPY compression, 128 MiB row groups. */
  public static ParquetShardFormat withDefaults() {
    return new ParquetShardFormat(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_BYTES);
  }

  /** One of {@link #COMPRESSIONS}. */
  public ParquetShardFormat withCompression(CheckpointCompression compression) {
    if (!COMPRESSIONS.contains(compression)) {
      throw new IllegalArgumentException(
          String.format(
              "compression %s is not available for PARQUET; use one of %s",
              compression, COMPRESSIONS));
    }
    return new ParquetShardFormat(CompressionCodecName.valueOf(compression.name()), rowGroupBytes);
  }

  /** Between {@link #MIN_ROW_GROUP_BYTES} and {@link #MAX_ROW_GROUP_BYTES}. */
  public ParquetShardFormat withRowGroupBytes(int rowGroupBytes) {
    return new ParquetShardFormat(compression, rowGroupBytes);
  }

  @Override
  public String fileSuffix() {
    return ".parquet";
  }

  @Override
  public void checkSupported(Schema schema) {
    checkFields("", schema);
  }

  @Override
  public void checkRuntime() {
    HadoopRuntime.check();
  }

  private static void checkFields(String prefix, Schema schema) {
    if (schema.getFieldCount() == 0) {
      throw new IllegalArgumentException(
          String.format(
              "Field '%s' is a ROW with no fields, which Parquet cannot store; "
                  + "add a field or drop it.",
              prefix.isEmpty() ? "<top level>" : prefix.substring(0, prefix.length() - 1)));
    }
    for (Field field : schema.getFields()) {
      checkType(prefix + field.getName(), field.getType());
    }
  }

  private static void checkType(String path, FieldType type) {
    switch (type.getTypeName()) {
      case ROW:
        checkFields(path + ".", type.getRowSchema());
        break;
      case ARRAY:
      case ITERABLE:
        checkType(path + "[]", type.getCollectionElementType());
        break;
      case MAP:
        checkType(path + "{key}", type.getMapKeyType());
        checkType(path + "{value}", type.getMapValueType());
        break;
      case LOGICAL_TYPE:
        checkType(path, type.getLogicalType().getBaseType());
        break;
      default:
        break;
    }
  }

  @Override
  public FileIO.Sink<Row> newSink(Schema schema) {
    return new RowParquetSink(schema, compression, rowGroupBytes);
  }

  @Override
  public ReadShardBlocks newReader(Schema schema, Schema outputSchema, Counter rowsRead) {
    return new ReadParquetShards(schema, outputSchema, rowsRead);
  }
}
