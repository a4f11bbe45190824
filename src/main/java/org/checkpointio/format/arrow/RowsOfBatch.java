package org.checkpointio.format.arrow;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.FixedDecimal;

/**
 * The rows of the record batch loaded in a file reader's vectors, with the fields of an output
 * schema (all of the file's, or a projection). Only the output fields' vectors are read.
 *
 * <p>Every field is read by {@link ArrowRowCodec}, the inverse of the codec that wrote it: one
 * bound reader per field, one value array and one row per record, no intermediate row. Beam's
 * {@code ArrowConversion} was used for the simple top-level types until the benchmark showed it
 * costing more per row than decoding a Parquet row group (a row of lazy getters, then a copy of
 * each value, with a Joda {@code DateTime} per timestamp); it also could not read the other types
 * back exactly (dates, times, maps, microsecond timestamps, nested rows).
 */
final class RowsOfBatch {
  private final Schema outputSchema;
  private final VectorSchemaRoot root;
  private final ArrowRowCodec.ValueReader[] readers;

  /**
   * @throws IllegalStateException if the file lacks an output field, or stores it as another
   *     Arrow type than the checkpoint's schema says
   */
  RowsOfBatch(Schema outputSchema, VectorSchemaRoot root) {
    this.outputSchema = outputSchema;
    this.root = root;
    ArrowRowCodec codec = ArrowRowCodec.of(asStored(outputSchema, root));
    readers = new ArrowRowCodec.ValueReader[outputSchema.getFieldCount()];
    for (int i = 0; i < readers.length; i++) {
      Schema.Field field = outputSchema.getField(i);
      FieldVector vector = root.getVector(field.getName());
      if (vector == null) {
        throw new IllegalStateException("The file has no column '" + field.getName() + "'");
      }
      Field expected = codec.arrowField(i);
      if (!vector.getField().getType().equals(expected.getType())) {
        throw new IllegalStateException(
            String.format(
                "Column '%s' is %s in the file, but the checkpoint's schema stores %s as %s",
                field.getName(), vector.getField().getType(), field.getType(), expected.getType()));
      }
      readers[i] = codec.reader(i, vector);
    }
  }

  /**
   * {@code outputSchema} as the file stores it: a top-level fixed-precision decimal that the file
   * holds as text, as versions before Decimal128 columns wrote it, is decoded from its text.
   */
  private static Schema asStored(Schema outputSchema, VectorSchemaRoot root) {
    Schema.Builder stored = Schema.builder();
    boolean asText = false;
    for (Schema.Field field : outputSchema.getFields()) {
      FieldVector vector = root.getVector(field.getName());
      if (FixedDecimal.of(field.getType()) != null
          && vector != null
          && vector.getField().getType().getTypeID() == ArrowType.ArrowTypeID.Utf8) {
        stored.addField(field.withType(FixedDecimal.asText(field.getType())));
        asText = true;
      } else {
        stored.addField(field);
      }
    }
    return asText ? stored.build() : outputSchema;
  }

  /** The rows of the batch loaded now; valid until the next batch is loaded. */
  Iterator<Row> rows() {
    int count = root.getRowCount();
    // A column without nulls in this batch (every non-nullable one, and often others) skips the
    // validity bit of every value.
    boolean[] hasNulls = new boolean[readers.length];
    for (int i = 0; i < readers.length; i++) {
      hasNulls[i] = readers[i].hasNulls();
    }
    return new Iterator<>() {
      private int index;

      @Override
      public boolean hasNext() {
        return index < count;
      }

      @Override
      public Row next() {
        if (index == count) {
          throw new NoSuchElementException();
        }
        Object[] values = new Object[readers.length];
        for (int i = 0; i < values.length; i++) {
          values[i] = hasNulls[i] ? readers[i].read(index) : readers[i].readValue(index);
        }
        index++;
        return Row.withSchema(outputSchema).attachValues(Arrays.asList(values));
      }
    };
  }
}
