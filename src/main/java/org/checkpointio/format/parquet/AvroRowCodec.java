package org.checkpointio.format.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.EpochTime;
import org.checkpointio.format.FixedDecimal;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Converts Beam rows of one schema to Avro records and back, for parquet-avro.
 *
 * <p>The converters are built once per schema, so the per-row work is a walk over prepared
 * field codecs. Reading converts against the stored Beam schema, not the Avro one, so types that
 * Avro lacks (BYTE, INT16, DECIMAL without a fixed scale, logical types) come back exactly. A
 * fixed-precision decimal (Beam's {@code FixedPrecisionNumeric}) becomes Avro's decimal, so other
 * Parquet readers see a DECIMAL column. The mapping is documented in docs/formats.md.
 */
final class AvroRowCodec {
  private static final String JAVA_STRING = "avro.java.string";

  private final RecordCodec root;

  private AvroRowCodec(RecordCodec root) {
    this.root = root;
  }

  static AvroRowCodec of(Schema schema) {
    return projected(schema, schema);
  }

  /**
   * Reads only the fields of {@code projection}, a projection of the written {@code schema}. The
   * Avro names come from {@code schema}, as the writer made them, so each kept field finds its
   * column even where sanitised names were made unique with a suffix.
   */
  static AvroRowCodec projected(Schema schema, Schema projection) {
    return new AvroRowCodec(new Builder().record("", schema, projection));
  }

  org.apache.avro.Schema avroSchema() {
    return root.avro;
  }

  GenericRecord toRecord(Row row) {
    return root.toAvro(row);
  }

  Row toRow(GenericRecord record) {
    return root.toBeam(record);
  }

  /** One field type's two-way conversion. */
  private abstract static class Codec {
    final org.apache.avro.Schema avro;

    Codec(org.apache.avro.Schema avro) {
      this.avro = avro;
    }

    abstract Object toAvro(Object beam);

    abstract Object toBeam(Object avro);
  }

  private static final class RecordCodec extends Codec {
    private final Schema schema;
    private final Codec[] fields;

    RecordCodec(org.apache.avro.Schema avro, Schema schema, Codec[] fields) {
      super(avro);
      this.schema = schema;
      this.fields = fields;
    }

    @Override
    GenericRecord toAvro(Object beam) {
      Row row = (Row) beam;
      GenericData.Record record = new GenericData.Record(avro);
      for (int i = 0; i < fields.length; i++) {
        record.put(i, fields[i].toAvro(row.getValue(i)));
      }
      return record;
    }

    @Override
    Row toBeam(Object avro) {
      GenericRecord record = (GenericRecord) avro;
      List<Object> values = new ArrayList<>(fields.length);
      for (int i = 0; i < fields.length; i++) {
        values.add(fields[i].toBeam(record.get(i)));
      }
      return Row.withSchema(schema).attachValues(values);
    }
  }

  /** A codec from two functions, for the many leaf types. */
  private static final class LeafCodec extends Codec {
    private final java.util.function.Function<Object, Object> toAvro;
    private final java.util.function.Function<Object, Object> toBeam;

    LeafCodec(
        org.apache.avro.Schema avro,
        java.util.function.Function<Object, Object> toAvro,
        java.util.function.Function<Object, Object> toBeam) {
      super(avro);
      this.toAvro = toAvro;
      this.toBeam = toBeam;
    }

    @Override
    Object toAvro(Object beam) {
      return toAvro.apply(beam);
    }

    @Override
    Object toBeam(Object avro) {
      return toBeam.apply(avro);
    }
  }

  private static final class NullableCodec extends Codec {
    private final Codec inner;

    NullableCodec(Codec inner) {
      super(
          org.apache.avro.Schema.createUnion(
              org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), inner.avro));
      this.inner = inner;
    }

    @Override
    Object toAvro(Object beam) {
      return beam == null ? null : inner.toAvro(beam);
    }

    @Override
    Object toBeam(Object avro) {
      return avro == null ? null : inner.toBeam(avro);
    }
  }

  private static final class ListCodec extends Codec {
    private final Codec element;

    ListCodec(Codec element) {
      super(org.apache.avro.Schema.createArray(element.avro));
      this.element = element;
    }

    @Override
    Object toAvro(Object beam) {
      List<Object> out = new ArrayList<>();
      for (Object value : (Iterable<?>) beam) {
        out.add(element.toAvro(value));
      }
      return out;
    }

    @Override
    Object toBeam(Object avro) {
      List<?> in = (List<?>) avro;
      List<Object> out = new ArrayList<>(in.size());
      for (Object value : in) {
        out.add(element.toBeam(value));
      }
      return out;
    }
  }

  /** Maps with non-null string keys become Avro (and so Parquet) maps. */
  private static final class StringKeyMapCodec extends Codec {
    private final Codec value;

    StringKeyMapCodec(Codec value) {
      super(org.apache.avro.Schema.createMap(value.avro));
      this.value = value;
    }

    @Override
    Object toAvro(Object beam) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) beam).forEach((k, v) -> out.put((String) k, value.toAvro(v)));
      return out;
    }

    @Override
    Object toBeam(Object avro) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) avro).forEach((k, v) -> out.put(k.toString(), value.toBeam(v)));
      return out;
    }
  }

  /** Avro maps take only string keys; other maps are stored as a list of key/value records. */
  private static final class EntryListMapCodec extends Codec {
    private final Codec key;
    private final Codec value;
    private final org.apache.avro.Schema entry;

    EntryListMapCodec(org.apache.avro.Schema entry, Codec key, Codec value) {
      super(org.apache.avro.Schema.createArray(entry));
      this.entry = entry;
      this.key = key;
      this.value = value;
    }

    @Override
    Object toAvro(Object beam) {
      List<Object> out = new ArrayList<>();
      ((Map<?, ?>) beam)
          .forEach(
              (k, v) -> {
                GenericData.Record record = new GenericData.Record(entry);
                record.put(0, key.toAvro(k));
                record.put(1, value.toAvro(v));
                out.add(record);
              });
      return out;
    }

    @Override
    Object toBeam(Object avro) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Object item : (List<?>) avro) {
        GenericRecord record = (GenericRecord) item;
        out.put(key.toBeam(record.get(0)), value.toBeam(record.get(1)));
      }
      return out;
    }
  }

  /** A logical type stored as its base type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class BaseTypeCodec extends Codec {
    private final LogicalType logicalType;
    private final Codec base;

    BaseTypeCodec(LogicalType<?, ?> logicalType, Codec base) {
      super(base.avro);
      this.logicalType = logicalType;
      this.base = base;
    }

    @Override
    Object toAvro(Object beam) {
      return base.toAvro(logicalType.toBaseType(beam));
    }

    @Override
    Object toBeam(Object avro) {
      return logicalType.toInputType(base.toBeam(avro));
    }
  }

  /** Builds codecs; keeps Avro record and field names unique and valid. */
  private static final class Builder {
    private int recordCount;

    /**
     * A record of the fields of {@code projection}, named as the writer of {@code schema} named
     * them; {@code prefix} is the path of the record's fields in messages, such as {@code
     * "customer."}.
     */
    private RecordCodec record(String prefix, Schema schema, Schema projection) {
      List<org.apache.avro.Schema.Field> avroFields = new ArrayList<>();
      List<Codec> codecs = new ArrayList<>();
      Set<String> usedNames = new HashSet<>();
      for (Field field : schema.getFields()) {
        String avroName = avroName(field.getName(), usedNames);
        if (!projection.hasField(field.getName())) {
          continue;
        }
        FieldType kept = projection.getField(field.getName()).getType();
        String path = prefix + field.getName();
        Codec codec =
            kept.getTypeName() == Schema.TypeName.ROW
                ? nullable(
                    kept, record(path + ".", field.getType().getRowSchema(), kept.getRowSchema()))
                : codec(path, kept);
        codecs.add(codec);
        avroFields.add(new org.apache.avro.Schema.Field(avroName, codec.avro));
      }
      org.apache.avro.Schema avro =
          org.apache.avro.Schema.createRecord(nextRecordName(), null, null, false, avroFields);
      return new RecordCodec(avro, projection, codecs.toArray(new Codec[0]));
    }

    private String nextRecordName() {
      return recordCount++ == 0 ? "Row" : "Row" + (recordCount - 1);
    }

    /** The codec of a field at {@code path}, which messages about its values name. */
    Codec codec(String path, FieldType type) {
      return nullable(type, nonNullCodec(path, type));
    }

    private static Codec nullable(FieldType type, Codec codec) {
      return type.getNullable() ? new NullableCodec(codec) : codec;
    }

    private Codec nonNullCodec(String path, FieldType type) {
      switch (type.getTypeName()) {
        case BYTE:
          return leaf(
              primitive(org.apache.avro.Schema.Type.INT),
              v -> ((Byte) v).intValue(),
              a -> ((Integer) a).byteValue());
        case INT16:
          return leaf(
              primitive(org.apache.avro.Schema.Type.INT),
              v -> ((Short) v).intValue(),
              a -> ((Integer) a).shortValue());
        case INT32:
          return identity(org.apache.avro.Schema.Type.INT);
        case INT64:
          return identity(org.apache.avro.Schema.Type.LONG);
        case FLOAT:
          return identity(org.apache.avro.Schema.Type.FLOAT);
        case DOUBLE:
          return identity(org.apache.avro.Schema.Type.DOUBLE);
        case BOOLEAN:
          return identity(org.apache.avro.Schema.Type.BOOLEAN);
        case STRING:
          return leaf(string(), v -> v, Object::toString);
        case BYTES:
          return leaf(
              primitive(org.apache.avro.Schema.Type.BYTES),
              v -> ByteBuffer.wrap((byte[]) v),
              AvroRowCodec::bytesOf);
        case DECIMAL:
          // A Beam DECIMAL has no fixed scale, which Avro's decimal needs; the exact text
          // (unscaled value and scale) keeps every value as it was.
          return leaf(string(), v -> ((BigDecimal) v).toString(), a -> new BigDecimal(a.toString()));
        case DATETIME:
          return leaf(
              LogicalTypes.timestampMillis()
                  .addToSchema(primitive(org.apache.avro.Schema.Type.LONG)),
              v -> ((ReadableInstant) v).getMillis(),
              a -> new Instant((long) (Long) a));
        case ARRAY:
        case ITERABLE:
          return new ListCodec(codec(path + "[]", type.getCollectionElementType()));
        case MAP:
          return mapCodec(path, type.getMapKeyType(), type.getMapValueType());
        case ROW:
          return record(path + ".", type.getRowSchema(), type.getRowSchema());
        case LOGICAL_TYPE:
          return logicalCodec(path, type);
        default:
          throw new IllegalArgumentException("Unsupported Beam type " + type);
      }
    }

    private Codec mapCodec(String path, FieldType keyType, FieldType valueType) {
      Codec value = codec(path + "{value}", valueType);
      if (keyType.getTypeName() == Schema.TypeName.STRING && !keyType.getNullable()) {
        return new StringKeyMapCodec(value);
      }
      Codec key = codec(path + "{key}", keyType);
      org.apache.avro.Schema entry =
          org.apache.avro.Schema.createRecord(
              nextRecordName(),
              null,
              null,
              false,
              List.of(
                  new org.apache.avro.Schema.Field("key", key.avro),
                  new org.apache.avro.Schema.Field("value", value.avro)));
      return new EntryListMapCodec(entry, key, value);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Codec logicalCodec(String path, FieldType type) {
      LogicalType logicalType = type.getLogicalType();
      String identifier = logicalType.getIdentifier();
      FixedDecimal decimal = FixedDecimal.of(type);
      if (decimal != null) {
        return fixedDecimal(path, decimal);
      }
      if (identifier.equals(Date.IDENTIFIER)) {
        return leaf(
            LogicalTypes.date().addToSchema(primitive(org.apache.avro.Schema.Type.INT)),
            v -> Math.toIntExact(((LocalDate) v).toEpochDay()),
            a -> LocalDate.ofEpochDay((Integer) a));
      }
      if (identifier.equals(MicrosInstant.IDENTIFIER)) {
        return leaf(
            LogicalTypes.timestampMicros().addToSchema(primitive(org.apache.avro.Schema.Type.LONG)),
            v -> EpochTime.epochMicros((java.time.Instant) v),
            a -> EpochTime.instantOfMicros((Long) a));
      }
      if (identifier.equals(FixedBytes.IDENTIFIER)) {
        int length = (Integer) logicalType.getArgument();
        org.apache.avro.Schema fixed =
            org.apache.avro.Schema.createFixed(nextRecordName(), null, null, length);
        return leaf(
            fixed,
            v -> new GenericData.Fixed(fixed, (byte[]) v),
            a -> ((GenericFixed) a).bytes().clone());
      }
      if (identifier.equals(EnumerationType.IDENTIFIER)) {
        EnumerationType enumeration = (EnumerationType) logicalType;
        return leaf(
            string(),
            v -> enumeration.toString((EnumerationType.Value) v),
            a -> enumeration.valueOf(a.toString()));
      }
      return new BaseTypeCodec(logicalType, codec(path, logicalType.getBaseType()));
    }

    /**
     * Avro's decimal on a fixed of the fewest bytes for the precision, which parquet-avro writes as
     * a FIXED_LEN_BYTE_ARRAY column annotated DECIMAL(precision, scale): the unscaled value in
     * big-endian two's complement.
     */
    private Codec fixedDecimal(String path, FixedDecimal decimal) {
      int width = decimal.byteWidth();
      org.apache.avro.Schema fixed =
          LogicalTypes.decimal(decimal.precision(), decimal.scale())
              .addToSchema(
                  org.apache.avro.Schema.createFixed(nextRecordName(), null, null, width));
      return leaf(
          fixed,
          v ->
              new GenericData.Fixed(
                  fixed, unscaledBytes(decimal.fit(path, (BigDecimal) v), width)),
          a ->
              a instanceof BigDecimal
                  ? a
                  : new BigDecimal(new BigInteger(((GenericFixed) a).bytes()), decimal.scale()));
    }

    private static Codec identity(org.apache.avro.Schema.Type type) {
      return leaf(primitive(type), v -> v, a -> a);
    }

    private static Codec leaf(
        org.apache.avro.Schema avro,
        java.util.function.Function<Object, Object> toAvro,
        java.util.function.Function<Object, Object> toBeam) {
      return new LeafCodec(avro, toAvro, toBeam);
    }

    private static org.apache.avro.Schema primitive(org.apache.avro.Schema.Type type) {
      return org.apache.avro.Schema.create(type);
    }

    private static org.apache.avro.Schema string() {
      org.apache.avro.Schema string = primitive(org.apache.avro.Schema.Type.STRING);
      string.addProp(JAVA_STRING, "String");
      return string;
    }

    /** Avro names are identifiers: other characters become '_', and clashes get a suffix. */
    private static String avroName(String beamName, Set<String> used) {
      StringBuilder name = new StringBuilder();
      for (int i = 0; i < beamName.length(); i++) {
        char c = beamName.charAt(i);
        boolean valid =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
        name.append(valid ? c : '_');
      }
      if (name.length() == 0 || Character.isDigit(name.charAt(0))) {
        name.insert(0, '_');
      }
      String candidate = name.toString();
      for (int suffix = 1; !used.add(candidate); suffix++) {
        candidate = name + "_" + suffix;
      }
      return candidate;
    }
  }

  /** The unscaled value of {@code value}, sign-extended to {@code width} bytes. */
  private static byte[] unscaledBytes(BigDecimal value, int width) {
    byte[] minimal = value.unscaledValue().toByteArray();
    byte[] bytes = new byte[width];
    byte sign = (byte) (value.signum() < 0 ? -1 : 0);
    int pad = width - minimal.length;
    for (int i = 0; i < pad; i++) {
      bytes[i] = sign;
    }
    System.arraycopy(minimal, 0, bytes, pad, minimal.length);
    return bytes;
  }

  private static byte[] bytesOf(Object avro) {
    ByteBuffer buffer = ((ByteBuffer) avro).duplicate();
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
