package org.checkpointio.format.arrow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.beam.sdk.extensions.arrow.ArrowConversion;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The rows of the record batch loaded in a file reader's vectors, with the fields of an output
 * schema (all of the file's, or a projection). Only the output fields' vectors are converted.
 *
 * <p>Top-level fields of the primitive types Beam's {@link ArrowConversion} converts exactly
 * (integers, floating point, BOOLEAN, STRING, BYTES, DATETIME in milliseconds, fixed bytes) go
 * through it. The other fields are converted by {@link ArrowRowCodec}, because ArrowConversion
 * (Beam 2.62) would not give back what was written: it rejects DATE, TIME, DECIMAL and MAP
 * vectors, truncates microsecond timestamps to milliseconds, hands out nested structs as maps
 * and list elements unconverted (Arrow {@code Text} instead of String), and knows no logical
 * types beyond fixed bytes.
 */
final class RowsOfBatch {
  private final Schema outputSchema;
  private final VectorSchemaRoot root;
  /** Per output field: its reader, or null when ArrowConversion converts it. */
  private final ArrowRowCodec.ValueReader[] readers;
  private final Schema converted;
  private final List<Field> convertedFields = new ArrayList<>();
  private final List<FieldVector> convertedVectors = new ArrayList<>();

  RowsOfBatch(Schema outputSchema, VectorSchemaRoot root) {
    this.outputSchema = outputSchema;
    this.root = root;
    ArrowRowCodec codec = ArrowRowCodec.of(outputSchema);
    readers = new ArrowRowCodec.ValueReader[outputSchema.getFieldCount()];
    Schema.Builder converted = Schema.builder();
    for (int i = 0; i < readers.length; i++) {
      Schema.Field field = outputSchema.getField(i);
      FieldVector vector = root.getVector(field.getName());
      if (vector == null) {
        throw new IllegalStateException("The file has no column '" + field.getName() + "'");
      }
      if (convertedExactlyByBeam(field.getType())) {
        // ArrowConversion converts whatever the vector holds; check it holds what was written.
        ArrowType expected = codec.arrowField(i).getType();
        if (!vector.getField().getType().equals(expected)) {
          throw new IllegalStateException(
              String.format(
                  "Column '%s' is %s in the file, but the checkpoint's schema stores %s as %s",
                  field.getName(), vector.getField().getType(), field.getType(), expected));
        }
        converted.addField(field);
        convertedFields.add(vector.getField());
        convertedVectors.add(vector);
      } else {
        readers[i] = codec.reader(i, vector);
      }
    }
    this.converted = converted.build();
  }

  private static boolean convertedExactlyByBeam(FieldType type) {
    TypeName name = type.getTypeName();
    return (name.isPrimitiveType() && name != TypeName.DECIMAL)
        || (name == TypeName.LOGICAL_TYPE
            && type.getLogicalType().getIdentifier().equals(FixedBytes.IDENTIFIER));
  }

  /** The rows of the batch loaded now; valid until the next batch is loaded. */
  Iterator<Row> rows() {
    int count = root.getRowCount();
    // A view of the converted vectors; not closed, as the file reader owns them.
    Iterator<Row> convertedRows =
        ArrowConversion.rowsFromRecordBatch(
            converted, new VectorSchemaRoot(convertedFields, convertedVectors, count));
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
        Row beam = convertedRows.hasNext() ? convertedRows.next() : null;
        Object[] values = new Object[readers.length];
        for (int i = 0, k = 0; i < values.length; i++) {
          values[i] = readers[i] != null ? readers[i].read(index) : detach(beam.getValue(k++));
        }
        index++;
        return Row.withSchema(outputSchema).attachValues(Arrays.asList(values));
      }
    };
  }

  /**
   * ArrowConversion's rows read their vectors lazily, so values are taken out at once. It gives
   * DATETIME as a Joda {@code DateTime} in UTC; rows carry the {@code Instant} Beam's coders
   * expect.
   */
  private static Object detach(Object value) {
    return value instanceof ReadableInstant ? ((ReadableInstant) value).toInstant() : value;
  }
}
