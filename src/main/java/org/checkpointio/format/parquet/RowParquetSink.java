package org.checkpointio.format.parquet;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes rows into one Parquet shard: each row becomes an Avro record, which parquet-avro writes
 * to the channel. The file is byte for byte what Beam's {@code ParquetIO.sink} writes for the same
 * records and settings ({@code RowParquetSinkTest}); the library just does not need Beam's Parquet
 * module, so a pipeline's own Beam version is never mixed with another one's.
 */
final class RowParquetSink implements FileIO.Sink<Row> {
  /** parquet-avro's switch between the legacy two-level and the standard three-level LIST. */
  static final String OLD_LIST_STRUCTURE = "parquet.avro.write-old-list-structure";

  private final Schema schema;
  private final CompressionCodecName compression;
  private final int rowGroupBytes;
  private transient AvroRowCodec codec;
  private transient ParquetWriter<GenericRecord> writer;

  RowParquetSink(Schema schema, CompressionCodecName compression, int rowGroupBytes) {
    this.schema = schema;
    this.compression = compression;
    this.rowGroupBytes = rowGroupBytes;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    codec = AvroRowCodec.of(schema);
    Configuration conf = new Configuration(false);
    // The standard three-level LIST layout, which also holds null elements.
    conf.setBoolean(OLD_LIST_STRUCTURE, false);
    writer =
        AvroParquetWriter.<GenericRecord>builder(new ChannelOutputFile(channel))
            .withSchema(codec.avroSchema())
            .withDataModel(GenericData.get())
            .withCompressionCodec(compression)
            .withRowGroupSize(rowGroupBytes)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withConf(conf)
            .build();
  }

  @Override
  public void write(Row row) throws IOException {
    writer.write(codec.toRecord(row));
  }

  /** Writes the last row group and the footer, and closes the channel. */
  @Override
  public void flush() throws IOException {
    writer.close();
  }
}
