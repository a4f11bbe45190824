package org.checkpointio.benchmark;

import java.nio.file.Path;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * What a Beam user writes instead: Rows to Avro records, {@code FileIO.write()} with {@code
 * ParquetIO.sink}, and {@code ParquetIO.read} back to Rows.
 */
final class ParquetIoBaseline implements Candidate {
  private final String runner;

  ParquetIoBaseline(String runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return "FileIO+ParquetIO";
  }

  @Override
  public String runner() {
    return runner;
  }

  @Override
  public String kind() {
    return "baseline";
  }

  @Override
  public String format() {
    return "PARQUET";
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    OrdersTable.generate(pipeline, rows)
        .apply(
            MapElements.into(TypeDescriptor.of(GenericRecord.class))
                .via(AvroUtils.getRowToGenericRecordFunction(OrdersTable.AVRO_SCHEMA)))
        .setCoder(AvroCoder.of(OrdersTable.AVRO_SCHEMA))
        .apply(
            FileIO.<GenericRecord>write()
                .via(ParquetIO.sink(OrdersTable.AVRO_SCHEMA))
                .to(dir.toString())
                .withSuffix(".parquet"));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    PCollection<Row> orders =
        pipeline
            .apply(ParquetIO.read(OrdersTable.AVRO_SCHEMA).from(dir + "/*.parquet"))
            .apply(
                MapElements.into(TypeDescriptors.rows())
                    .via(AvroUtils.getGenericRecordToRowFunction(OrdersTable.SCHEMA)))
            .setRowSchema(OrdersTable.SCHEMA);
    BeamRunners.assertRowCount(orders, rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }
}
