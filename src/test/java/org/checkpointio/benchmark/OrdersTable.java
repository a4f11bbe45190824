package org.checkpointio.benchmark;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.schemas.utils.AvroUtils;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/** The benchmark's data: an "orders" table generated from the row number alone. */
final class OrdersTable {
  static final Schema SCHEMA =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addDoubleField("amount")
          .addInt32Field("quantity")
          .addDateTimeField("ts")
          .addBooleanField("express")
          .addNullableField("note", FieldType.STRING)
          .build();

  static final org.apache.avro.Schema AVRO_SCHEMA = AvroUtils.toAvroSchema(SCHEMA);

  private static final long EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String NOTE = "a forty character note for order number ";

  private OrdersTable() {}

  static Row row(long id) {
    return Row.withSchema(SCHEMA)
        .attachValues(
            id,
            customer(id),
            amount(id),
            quantity(id),
            new Instant(EPOCH_MILLIS + id * 1000),
            id % 7 == 0,
            note(id));
  }

  /** The table's first {@code rows} rows, generated in {@code pipeline}. */
  static PCollection<Row> generate(Pipeline pipeline, long rows) {
    return pipeline
        .apply(GenerateSequence.from(0).to(rows))
        .apply(MapElements.into(TypeDescriptors.rows()).via(OrdersTable::row))
        .setRowSchema(SCHEMA);
  }

  /** The same values as {@link #row}, for the no-Beam floor. */
  static GenericRecord record(long id) {
    GenericData.Record record = new GenericData.Record(AVRO_SCHEMA);
    record.put(0, id);
    record.put(1, customer(id));
    record.put(2, amount(id));
    record.put(3, quantity(id));
    record.put(4, EPOCH_MILLIS + id * 1000);
    record.put(5, id % 7 == 0);
    record.put(6, note(id));
    return record;
  }

  private static String customer(long id) {
    return "customer-" + id % 100_000;
  }

  private static double amount(long id) {
    return (id % 10_000) / 100.0;
  }

  private static int quantity(long id) {
    return (int) (id % 50) + 1;
  }

  private static String note(long id) {
    return id % 3 == 0 ? null : NOTE.substring(0, 40);
  }
}
