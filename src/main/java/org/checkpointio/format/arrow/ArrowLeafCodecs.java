package org.checkpointio.format.arrow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.Time;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.format.EpochTime;
import org.checkpointio.format.FixedDecimal;
import org.checkpointio.format.arrow.ArrowRowCodec.FieldCodec;
import org.checkpointio.format.arrow.ArrowRowCodec.ValueReader;
import org.checkpointio.format.arrow.ArrowRowCodec.ValueWriter;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * The codecs of the Beam types that fill one Arrow vector each: the primitives and the logical
 * types with an Arrow type of their own (date, time, date-time, microsecond timestamp, fixed
 * bytes, enumeration, fixed-precision decimal). Enumeration values, and DECIMAL values of no fixed
 * precision, are stored as UTF-8 text.
 */
final class ArrowLeafCodecs {
  private static final String UTC = "UTC";
  private static final int DECIMAL128_BITS = 128;

  private ArrowLeafCodecs() {}

  /** The codec of a primitive (non-composite, non-logical) Beam type. */
  static FieldCodec primitive(String path, FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
        return fixedLeaf(
            type,
            new ArrowType.Int(8, true),
            TinyIntVector.class,
            (v, i, x) -> v.setSafe(i, (Byte) x),
            TinyIntVector::get);
      case INT16:
        return fixedLeaf(
            type,
            new ArrowType.Int(16, true),
            SmallIntVector.class,
            (v, i, x) -> v.setSafe(i, (Short) x),
            SmallIntVector::get);
      case INT32:
        return fixedLeaf(
            type,
            new ArrowType.Int(32, true),
            IntVector.class,
            (v, i, x) -> v.setSafe(i, (Integer) x),
            IntVector::get);
      case INT64:
        return fixedLeaf(
            type,
            new ArrowType.Int(64, true),
            BigIntVector.class,
            (v, i, x) -> v.setSafe(i, (Long) x),
            BigIntVector::get);
      case FLOAT:
        return fixedLeaf(
            type,
            new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
            Float4Vector.class,
            (v, i, x) -> v.setSafe(i, (Float) x),
            Float4Vector::get);
      case DOUBLE:
        return fixedLeaf(
            type,
            new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
            Float8Vector.class,
            (v, i, x) -> v.setSafe(i, (Double) x),
            Float8Vector::get);
      case BOOLEAN:
        return fixedLeaf(
            type,
            ArrowType.Bool.INSTANCE,
            BitVector.class,
            (v, i, x) -> v.setSafe(i, (Boolean) x ? 1 : 0),
            (v, i) -> v.get(i) != 0);
      case STRING:
        return text(type, x -> (String) x, s -> s);
      case DECIMAL:
        // A Beam DECIMAL has no fixed scale, which an Arrow decimal column needs; the exact text
        // keeps unscaled value, precision and scale of every value.
        return text(type, x -> ((BigDecimal) x).toString(), BigDecimal::new);
      case BYTES:
        return leaf(
            type,
            ArrowType.Binary.INSTANCE,
            VarBinaryVector.class,
            (v, i, x) -> {
              byte[] bytes = (byte[]) x;
              v.setSafe(i, bytes);
              return bytes.length;
            },
            VarBinaryVector::get);
      case DATETIME:
        return fixedLeaf(
            type,
            new ArrowType.Timestamp(TimeUnit.MILLISECOND, UTC),
            TimeStampMilliTZVector.class,
            (v, i, x) -> v.setSafe(i, ((ReadableInstant) x).getMillis()),
            (v, i) -> new Instant(v.get(i)));
      default:
        throw new IllegalArgumentException(
            String.format("Field '%s' has type %s, which Arrow shards cannot hold", path, type));
    }
  }

  /** The codec of a logical type with an Arrow type of its own; null for the others. */
  static @Nullable FieldCodec logical(String path, FieldType type) {
    LogicalType<?, ?> logicalType = type.getLogicalType();
    String identifier = logicalType.getIdentifier();
    FixedDecimal decimal = FixedDecimal.of(type);
    if (decimal != null) {
      // Decimal128: the unscaled value in 16 bytes, with precision and scale in the schema.
      return fixedLeaf(
          type,
          new ArrowType.Decimal(decimal.precision(), decimal.scale(), DECIMAL128_BITS),
          DecimalVector.class,
          (v, i, x) -> v.setSafe(i, decimal.fit(path, (BigDecimal) x)),
          DecimalVector::getObject);
    }
    if (identifier.equals(Date.IDENTIFIER)) {
      return fixedLeaf(
          type,
          new ArrowType.Date(DateUnit.DAY),
          DateDayVector.class,
          (v, i, x) -> v.setSafe(i, Math.toIntExact(((LocalDate) x).toEpochDay())),
          (v, i) -> LocalDate.ofEpochDay(v.get(i)));
    }
    if (identifier.equals(Time.IDENTIFIER)) {
      return fixedLeaf(
          type,
          new ArrowType.Time(TimeUnit.NANOSECOND, 64),
          TimeNanoVector.class,
          (v, i, x) -> v.setSafe(i, ((LocalTime) x).toNanoOfDay()),
          (v, i) -> LocalTime.ofNanoOfDay(v.get(i)));
    }
    if (identifier.equals(DateTime.IDENTIFIER)) {
      // A wall-clock date-time: a timestamp without time zone, to the nanosecond.
      return fixedLeaf(
          type,
          new ArrowType.Timestamp(TimeUnit.NANOSECOND, null),
          TimeStampNanoVector.class,
          (v, i, x) -> v.setSafe(i, epochNanos(path, (LocalDateTime) x)),
          (v, i) -> EpochTime.localDateTimeOfNanos(v.get(i)));
    }
    if (identifier.equals(MicrosInstant.IDENTIFIER)) {
      return fixedLeaf(
          type,
          new ArrowType.Timestamp(TimeUnit.MICROSECOND, UTC),
          TimeStampMicroTZVector.class,
          (v, i, x) -> v.setSafe(i, EpochTime.epochMicros((java.time.Instant) x)),
          (v, i) -> EpochTime.instantOfMicros(v.get(i)));
    }
    if (identifier.equals(FixedBytes.IDENTIFIER)) {
      int width = ((FixedBytes) logicalType).getLength();
      return leaf(
          type,
          new ArrowType.FixedSizeBinary(width),
          FixedSizeBinaryVector.class,
          (v, i, x) -> {
            byte[] bytes = (byte[]) x;
            if (bytes.length != width) {
              throw new IllegalArgumentException(
                  String.format(
                      "Field '%s' is %s but holds %d bytes", path, logicalType, bytes.length));
            }
            v.setSafe(i, bytes);
            return width;
          },
          FixedSizeBinaryVector::get);
    }
    if (identifier.equals(EnumerationType.IDENTIFIER)) {
      EnumerationType enumeration = (EnumerationType) logicalType;
      return text(
          type, x -> enumeration.toString((EnumerationType.Value) x), enumeration::valueOf);
    }
    return null;
  }

  /** A primitive: one vector, no children. */
  private static final class LeafCodec<V extends FieldVector> extends FieldCodec {
    private final ArrowType arrowType;
    private final Class<V> vectorClass;
    private final Write<V> write;
    private final Supplier<Read<V>> newRead;

    LeafCodec(
        FieldType type,
        ArrowType arrowType,
        Class<V> vectorClass,
        Write<V> write,
        Supplier<Read<V>> newRead) {
      super(type);
      this.arrowType = arrowType;
      this.vectorClass = vectorClass;
      this.write = write;
      this.newRead = newRead;
    }

    @Override
    ArrowType arrowType() {
      return arrowType;
    }

    @Override
    ValueWriter writer(FieldVector vector) {
      V typed = vectorClass.cast(vector);
      return new ValueWriter(vector) {
        @Override
        long writeValue(int index, Object value) {
          return write.write(typed, index, value);
        }
      };
    }

    @Override
    ValueReader reader(FieldVector vector) {
      V typed = vectorClass.cast(vector);
      Read<V> read = newRead.get();
      return new ValueReader(vector) {
        @Override
        Object readValue(int index) {
          return read.read(typed, index);
        }
      };
    }
  }

  @FunctionalInterface
  private interface Write<V> {
    long write(V vector, int index, Object value);
  }

  @FunctionalInterface
  private interface Read<V> {
    Object read(V vector, int index);
  }

  private static <V extends FieldVector> FieldCodec leaf(
      FieldType type, ArrowType arrowType, Class<V> vectorClass, Write<V> write, Read<V> read) {
    return new LeafCodec<>(type, arrowType, vectorClass, write, () -> read);
  }

  /** UTF-8 text, for strings and for the values stored as their text. */
  private static FieldCodec text(
      FieldType type,
      Function<Object, String> toText,
      Function<String, Object> fromText) {
    return new LeafCodec<>(
        type,
        ArrowType.Utf8.INSTANCE,
        VarCharVector.class,
        (v, i, x) -> {
          byte[] bytes = toText.apply(x).getBytes(StandardCharsets.UTF_8);
          v.setSafe(i, bytes);
          return bytes.length;
        },
        () -> new TextRead(fromText));
  }

  /**
   * Decodes a value's UTF-8 bytes through one buffer that a reader keeps, rather than a new array
   * per value that the string then copies again: strings are most of what an orders-like row
   * holds. The buffer grows to the longest value the reader has met.
   */
  private static final class TextRead implements Read<VarCharVector> {
    private final Function<String, Object> fromText;
    private byte[] bytes = new byte[256];

    TextRead(Function<String, Object> fromText) {
      this.fromText = fromText;
    }

    @Override
    public Object read(VarCharVector vector, int index) {
      int start = vector.getStartOffset(index);
      int length = vector.getEndOffset(index) - start;
      if (length > bytes.length) {
        bytes = new byte[Math.max(length, 2 * bytes.length)];
      }
      vector.getDataBuffer().getBytes(start, bytes, 0, length);
      return fromText.apply(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }
  }

  @FunctionalInterface
  private interface FixedWrite<V> {
    void write(V vector, int index, Object value);
  }

  /** A fixed-width primitive, whose values add no variable-width bytes to a batch. */
  private static <V extends FieldVector> FieldCodec fixedLeaf(
      FieldType type, ArrowType arrowType, Class<V> vectorClass, FixedWrite<V> write, Read<V> read) {
    return leaf(
        type,
        arrowType,
        vectorClass,
        (v, i, x) -> {
          write.write(v, i, x);
          return 0;
        },
        read);
  }

  private static long epochNanos(String path, LocalDateTime dateTime) {
    try {
      return EpochTime.epochNanos(dateTime);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          String.format(
              "Field '%s' holds %s, outside the range of an Arrow timestamp in nanoseconds "
                  + "(years 1677 to 2262); write this checkpoint as PARQUET to keep it.",
              path, dateTime),
          e);
    }
  }
}
