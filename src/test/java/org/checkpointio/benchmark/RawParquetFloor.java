package org.checkpointio.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/** The floor: parquet-java on one thread, no Beam, the same values as Avro records. */
final class RawParquetFloor implements Candidate {
  @Override
  public String name() {
    return "parquet-java";
  }

  @Override
  public String runner() {
    return "none";
  }

  @Override
  public String kind() {
    return "raw";
  }

  @Override
  public String format() {
    return "PARQUET";
  }

  private static org.apache.hadoop.fs.Path file(Path dir) {
    return new org.apache.hadoop.fs.Path(dir.resolve("orders.parquet").toUri());
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Files.createDirectories(dir);
    Configuration conf = new Configuration();
    return Measurement.of(
        () -> {
          try (ParquetWriter<GenericRecord> writer =
              AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(file(dir), conf))
                  .withSchema(OrdersTable.AVRO_SCHEMA)
                  .withDataModel(GenericData.get())
                  .withCompressionCodec(CompressionCodecName.SNAPPY)
                  .build()) {
            for (long id = 0; id < rows; id++) {
              writer.write(OrdersTable.record(id));
            }
          }
        },
        dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Configuration conf = new Configuration();
    return Measurement.of(
        () -> {
          long count = 0;
          try (ParquetReader<GenericRecord> reader =
              AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(file(dir), conf))
                  .withDataModel(GenericData.get())
                  .build()) {
            while (reader.read() != null) {
              count++;
            }
          }
          if (count != rows) {
            throw new IllegalStateException("read " + count + " rows, wrote " + rows);
          }
        },
        dir);
  }
}
