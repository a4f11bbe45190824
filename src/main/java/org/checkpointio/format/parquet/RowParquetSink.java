package org.checkpointio.format.parquet;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes rows into one Parquet shard through Beam's Parquet sink. */
final class RowParquetSink implements FileIO.Sink<Row> {
  /** parquet-avro's switch between the legacy two-level and the standard three-level LIST. */
  static final String OLD_LIST_STRUCTURE = "parquet.avro.write-old-list-structure";

  private final Schema schema;
  private final CompressionCodecName compression;
  private final int rowGroupBytes;
  private transient AvroRowCodec codec;
  private transient ParquetIO.Sink delegate;

  RowParquetSink(Schema schema, CompressionCodecName compression, int rowGroupBytes) {
    this.schema = schema;
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    codec = AvroRowCodec.of(schema);
    delegate =
        ParquetIO.sink(codec.avroSchema())
            .withCompressionCodec(compression)
            .withRowGroupSize(rowGroupBytes)
            .withAvroDataModel(GenericData.get())
            // The standard three-level LIST layout, which also holds null elements.
            .withConfiguration(Map.of(OLD_LIST_STRUCTURE, "false"));
    delegate.open(channel);
  }

  @Override
  public void write(Row row) throws IOException {
    delegate.write(codec.toRecord(row));
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }
}
