package org.checkpointio.benchmark;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The floor: Arrow Java's file writer and reader on one thread, no Beam, the same values. */
final class RawArrowFloor implements Candidate {
  private static final int BATCH_ROWS = 65_536;
  private static final long EPOCH_MILLIS = 1_767_225_600_000L;
  private static final Schema SCHEMA =
      new Schema(
          List.of(
              Field.notNullable("id", new ArrowType.Int(64, true)),
              Field.notNullable("customer", ArrowType.Utf8.INSTANCE),
              Field.notNullable(
                  "amount", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
              Field.notNullable("quantity", new ArrowType.Int(32, true)),
              Field.notNullable("ts", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
              Field.notNullable("express", ArrowType.Bool.INSTANCE),
              new Field("note", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)));

  @Override
  public String name() {
    return "Arrow Java";
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
    return "ARROW";
  }

  private static Path file(Path dir) {
    return dir.resolve("orders.arrow");
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Files.createDirectories(dir);
    return Measurement.of(
        () -> {
          try (BufferAllocator allocator = new RootAllocator();
              VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
              FileOutputStream out = new FileOutputStream(file(dir).toFile());
              ArrowFileWriter writer = new ArrowFileWriter(root, null, out.getChannel())) {
            writer.start();
            for (long from = 0; from < rows; from += BATCH_ROWS) {
              int n = (int) Math.min(BATCH_ROWS, rows - from);
              fill(root, from, n);
              writer.writeBatch();
            }
            writer.end();
          }
        },
        dir);
  }

  /** The values of {@link OrdersTable#record}, column by column. */
  private static void fill(VectorSchemaRoot root, long from, int n) {
    BigIntVector id = (BigIntVector) root.getVector(0);
    VarCharVector customer = (VarCharVector) root.getVector(1);
    Float8Vector amount = (Float8Vector) root.getVector(2);
    IntVector quantity = (IntVector) root.getVector(3);
    TimeStampMilliTZVector ts = (TimeStampMilliTZVector) root.getVector(4);
    BitVector express = (BitVector) root.getVector(5);
    VarCharVector note = (VarCharVector) root.getVector(6);
    root.allocateNew();
    for (int i = 0; i < n; i++) {
      long row = from + i;
      var record = OrdersTable.record(row);
      id.setSafe(i, row);
      customer.setSafe(i, record.get(1).toString().getBytes(StandardCharsets.UTF_8));
      amount.setSafe(i, (Double) record.get(2));
      quantity.setSafe(i, (Integer) record.get(3));
      ts.setSafe(i, EPOCH_MILLIS + row * 1000);
      express.setSafe(i, row % 7 == 0 ? 1 : 0);
      Object text = record.get(6);
      if (text == null) {
        note.setNull(i);
      } else {
        note.setSafe(i, text.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    root.setRowCount(n);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    return Measurement.of(
        () -> {
          long count = 0;
          try (BufferAllocator allocator = new RootAllocator();
              FileInputStream in = new FileInputStream(file(dir).toFile());
              ArrowFileReader reader = new ArrowFileReader(in.getChannel(), allocator)) {
            while (reader.loadNextBatch()) {
              VectorSchemaRoot root = reader.getVectorSchemaRoot();
              VarCharVector customer = (VarCharVector) root.getVector(1);
              for (int i = 0; i < root.getRowCount(); i++) {
                customer.getObject(i); // touch values as the Beam read does
              }
              count += root.getRowCount();
            }
          }
          if (count != rows) {
            throw new IllegalStateException("read " + count + " rows, wrote " + rows);
          }
        },
        dir);
  }
}
