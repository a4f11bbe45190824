package org.checkpointio.format.arrow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts Beam rows of one schema to Arrow vectors and back, and maps the schema itself.
 *
 * <p>The codecs are built once per schema and bound once to the vectors of a batch; per row, the
 * work is a walk over bound writers or readers. Arrow field names are the Beam names, unchanged,
 * so a reader finds a field's vector by name and a projection simply names fewer fields. Every
 * Beam type maps to a standard Arrow type (the table in docs/formats.md); {@link
 * ArrowLeafCodecs} holds the codecs of single vectors, this class those of lists, maps, structs
 * and other logical types.
 */
final class ArrowRowCodec {
  private final Schema schema;
  private final List<FieldCodec> fields;

  private ArrowRowCodec(Schema schema, List<FieldCodec> fields) {
    this.schema = schema;
    this.fields = fields;
  }

  /**
   * @throws IllegalArgumentException naming the field and its type if Arrow cannot hold one
   */
  static ArrowRowCodec of(Schema schema) {
    List<FieldCodec> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      fields.add(codec(field.getName(), field.getType()));
    }
    return new ArrowRowCodec(schema, fields);
  }

  org.apache.arrow.vector.types.pojo.Schema arrowSchema() {
    List<Field> arrowFields = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      arrowFields.add(fields.get(i).field(schema.getField(i).getName()));
    }
    return new org.apache.arrow.vector.types.pojo.Schema(arrowFields);
  }

  /** Writes rows into the vectors of {@code root}, which has {@link #arrowSchema()}. */
  RowWriter writer(VectorSchemaRoot root) {
    ValueWriter[] writers = new ValueWriter[fields.size()];
    for (int i = 0; i < writers.length; i++) {
      writers[i] = fields.get(i).writer(root.getVector(schema.getField(i).getName()));
    }
    return (index, row) -> {
      long bytes = 0;
      for (int i = 0; i < writers.length; i++) {
        bytes += writers[i].write(index, row.getValue(i));
      }
      return bytes;
    };
  }

  /** The Arrow field that holds field {@code field}. */
  Field arrowField(int field) {
    return fields.get(field).field(schema.getField(field).getName());
  }

  /** A reader of field {@code field}'s values from {@code vector}. */
  ValueReader reader(int field, FieldVector vector) {
    return fields.get(field).reader(vector);
  }

  /** Writes one row at an index of a batch. */
  interface RowWriter {
    /** @return the bytes of variable-width data (strings, bytes) written */
    long write(int index, Row row);
  }

  /** Writes values of one field into its vector; null becomes an Arrow null. */
  abstract static class ValueWriter {
    private final FieldVector vector;

    ValueWriter(FieldVector vector) {
      this.vector = vector;
    }

    /** @return the bytes of variable-width data written */
    final long write(int index, @Nullable Object value) {
      if (value == null) {
        vector.setNull(index);
        return 0;
      }
      return writeValue(index, value);
    }

    abstract long writeValue(int index, Object value);
  }

  /** Reads values of one field from its vector; an Arrow null becomes null. */
  abstract static class ValueReader {
    private final ValueVector vector;

    ValueReader(ValueVector vector) {
      this.vector = vector;
    }

    final @Nullable Object read(int index) {
      return vector.isNull(index) ? null : readValue(index);
    }

    /** Whether the batch loaded now holds a null in this reader's vector. */
    final boolean hasNulls() {
      return vector.getNullCount() > 0;
    }

    abstract Object readValue(int index);
  }

  /** One Beam field type's Arrow type and two-way conversion. */
  abstract static class FieldCodec {
    final FieldType type;

    FieldCodec(FieldType type) {
      this.type = type;
    }

    abstract ArrowType arrowType();

    List<Field> children() {
      return List.of();
    }

    Field field(String name) {
      return new Field(
          name,
          new org.apache.arrow.vector.types.pojo.FieldType(type.getNullable(), arrowType(), null),
          children());
    }

    abstract ValueWriter writer(FieldVector vector);

    abstract ValueReader reader(FieldVector vector);
  }

  private static final class ListCodec extends FieldCodec {
    private static final String ELEMENT = "item"; // the name pyarrow and Polars give it

    private final FieldCodec element;

    ListCodec(FieldType type, FieldCodec element) {
      super(type);
      this.element = element;
    }

    @Override
    ArrowType arrowType() {
      return ArrowType.List.INSTANCE;
    }

    @Override
    List<Field> children() {
      return List.of(element.field(ELEMENT));
    }

    @Override
    ValueWriter writer(FieldVector vector) {
      ListVector list = (ListVector) vector;
      ValueWriter elements = element.writer(list.getDataVector());
      return new ValueWriter(vector) {
        @Override
        long writeValue(int index, Object value) {
          int offset = list.startNewValue(index);
          int size = 0;
          long bytes = 0;
          for (Object item : (Iterable<?>) value) {
            bytes += elements.write(offset + size++, item);
          }
          list.endValue(index, size);
          return bytes;
        }
      };
    }

    @Override
    ValueReader reader(FieldVector vector) {
      ListVector list = (ListVector) vector;
      ValueReader elements = element.reader(list.getDataVector());
      return new ValueReader(vector) {
        @Override
        Object readValue(int index) {
          int end = list.getElementEndIndex(index);
          int start = list.getElementStartIndex(index);
          List<Object> items = new ArrayList<>(end - start);
          for (int i = start; i < end; i++) {
            items.add(elements.read(i));
          }
          return items;
        }
      };
    }
  }

  /** Arrow's MAP: a list of non-null {key, value} structs whose keys are never null. */
  private static final class MapCodec extends FieldCodec {
    private final FieldCodec key;
    private final FieldCodec value;

    MapCodec(FieldType type, FieldCodec key, FieldCodec value) {
      super(type);
      this.key = key;
      this.value = value;
    }

    @Override
    ArrowType arrowType() {
      return new ArrowType.Map(false);
    }

    @Override
    List<Field> children() {
      return List.of(
          new Field(
              MapVector.DATA_VECTOR_NAME,
              org.apache.arrow.vector.types.pojo.FieldType.notNullable(ArrowType.Struct.INSTANCE),
              List.of(key.field(MapVector.KEY_NAME), value.field(MapVector.VALUE_NAME))));
    }

    @Override
    ValueWriter writer(FieldVector vector) {
      MapVector map = (MapVector) vector;
      StructVector entries = (StructVector) map.getDataVector();
      ValueWriter keys = key.writer(entries.getChild(MapVector.KEY_NAME));
      ValueWriter values = value.writer(entries.getChild(MapVector.VALUE_NAME));
      return new ValueWriter(vector) {
        @Override
        long writeValue(int index, Object beam) {
          int offset = map.startNewValue(index);
          int size = 0;
          long bytes = 0;
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) beam).entrySet()) {
            int at = offset + size++;
            entries.setIndexDefined(at);
            bytes += keys.write(at, entry.getKey()) + values.write(at, entry.getValue());
          }
          map.endValue(index, size);
          return bytes;
        }
      };
    }

    @Override
    ValueReader reader(FieldVector vector) {
      MapVector map = (MapVector) vector;
      StructVector entries = (StructVector) map.getDataVector();
      ValueReader keys = key.reader(entries.getChild(MapVector.KEY_NAME));
      ValueReader values = value.reader(entries.getChild(MapVector.VALUE_NAME));
      return new ValueReader(vector) {
        @Override
        Object readValue(int index) {
          Map<Object, Object> out = new LinkedHashMap<>();
          for (int i = map.getElementStartIndex(index); i < map.getElementEndIndex(index); i++) {
            out.put(keys.read(i), values.read(i));
          }
          return out;
        }
      };
    }
  }

  private static final class RowCodec extends FieldCodec {
    private final Schema schema;
    private final List<FieldCodec> fields;

    RowCodec(FieldType type, List<FieldCodec> fields) {
      super(type);
      this.schema = type.getRowSchema();
      this.fields = fields;
    }

    @Override
    ArrowType arrowType() {
      return ArrowType.Struct.INSTANCE;
    }

    @Override
    List<Field> children() {
      List<Field> children = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        children.add(fields.get(i).field(schema.getField(i).getName()));
      }
      return children;
    }

    @Override
    ValueWriter writer(FieldVector vector) {
      StructVector struct = (StructVector) vector;
      ValueWriter[] writers = new ValueWriter[fields.size()];
      for (int i = 0; i < writers.length; i++) {
        writers[i] = fields.get(i).writer(child(struct, i));
      }
      return new ValueWriter(vector) {
        @Override
        long writeValue(int index, Object value) {
          Row row = (Row) value;
          struct.setIndexDefined(index);
          long bytes = 0;
          for (int i = 0; i < writers.length; i++) {
            bytes += writers[i].write(index, row.getValue(i));
          }
          return bytes;
        }
      };
    }

    @Override
    ValueReader reader(FieldVector vector) {
      StructVector struct = (StructVector) vector;
      ValueReader[] readers = new ValueReader[fields.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = fields.get(i).reader(child(struct, i));
      }
      return new ValueReader(vector) {
        @Override
        Object readValue(int index) {
          Object[] values = new Object[readers.length];
          for (int i = 0; i < values.length; i++) {
            values[i] = readers[i].read(index);
          }
          return Row.withSchema(schema).attachValues(Arrays.asList(values));
        }
      };
    }

    /** Children are found by name, so a projected schema reads just the fields it names. */
    private FieldVector child(StructVector struct, int field) {
      String name = schema.getField(field).getName();
      FieldVector child = struct.getChild(name);
      if (child == null) {
        throw new IllegalStateException(
            "Struct " + struct.getName() + " has no child '" + name + "'");
      }
      return child;
    }
  }

  /** A logical type stored as its base type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class BaseTypeCodec extends FieldCodec {
    private final LogicalType logicalType;
    private final FieldCodec base;

    BaseTypeCodec(FieldType type, FieldCodec base) {
      super(type);
      this.logicalType = type.getLogicalType();
      this.base = base;
    }

    @Override
    ArrowType arrowType() {
      return base.arrowType();
    }

    @Override
    List<Field> children() {
      return base.children();
    }

    @Override
    ValueWriter writer(FieldVector vector) {
      ValueWriter writer = base.writer(vector);
      return new ValueWriter(vector) {
        @Override
        long writeValue(int index, Object value) {
          return writer.write(index, logicalType.toBaseType(value));
        }
      };
    }

    @Override
    ValueReader reader(FieldVector vector) {
      ValueReader reader = base.reader(vector);
      return new ValueReader(vector) {
        @Override
        Object readValue(int index) {
          return logicalType.toInputType(reader.read(index));
        }
      };
    }
  }

  private static FieldCodec codec(String path, FieldType type) {
    switch (type.getTypeName()) {
      case ARRAY:
      case ITERABLE:
        return new ListCodec(type, codec(path + "[]", type.getCollectionElementType()));
      case MAP:
        if (type.getMapKeyType().getNullable()) {
          throw new IllegalArgumentException(
              String.format(
                  "Field '%s' has type %s, but Arrow map keys cannot be null; make the key type "
                      + "non-nullable, or write this checkpoint as PARQUET.",
                  path, type));
        }
        return new MapCodec(
            type,
            codec(path + "{key}", type.getMapKeyType()),
            codec(path + "{value}", type.getMapValueType()));
      case ROW:
        List<FieldCodec> fields = new ArrayList<>();
        for (Schema.Field field : type.getRowSchema().getFields()) {
          fields.add(codec(path + "." + field.getName(), field.getType()));
        }
        return new RowCodec(type, fields);
      case LOGICAL_TYPE:
        FieldCodec known = ArrowLeafCodecs.logical(path, type);
        if (known != null) {
          return known;
        }
        FieldType base = type.getLogicalType().getBaseType().withNullable(type.getNullable());
        return new BaseTypeCodec(type, codec(path, base));
      default:
        return ArrowLeafCodecs.primitive(path, type);
    }
  }
}
