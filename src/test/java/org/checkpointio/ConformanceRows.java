package org.checkpointio;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * The type conformance data set: every Beam type of SPEC §5, each required and nullable, at the
 * top level and nested (ROW two levels deep, ARRAY, ITERABLE, MAP with string and integer keys),
 * with nulls at each level and edge values (extremes, NaN and -0.0, empty and non-ASCII strings,
 * a string over 1 MB at the top level and in a list, decimals of any scale, fixed-precision
 * decimals at 38 digits, timestamps with microseconds, date-times with nanoseconds).
 */
public final class ConformanceRows {
  private ConformanceRows() {}

  public static final EnumerationType COLOR = EnumerationType.create("RED", "GREEN", "BLUE");

  /** A string of about a million characters (over 1 MiB of UTF-8), some of them multi-byte. */
  public static final String MEGABYTE_STRING = megabyteString();

  /** A leaf type and the values rows take, by row index modulo their number. */
  private record Leaf(String name, FieldType type, List<Object> values) {}

  private static final List<Leaf> LEAVES =
      List.of(
          new Leaf("byte", FieldType.BYTE, List.of(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)),
          new Leaf("int16", FieldType.INT16, List.of(Short.MIN_VALUE, Short.MAX_VALUE, (short) -1)),
          new Leaf("int32", FieldType.INT32, List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0)),
          new Leaf("int64", FieldType.INT64, List.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L)),
          new Leaf(
              "float",
              FieldType.FLOAT,
              List.of(1.5f, -0.0f, Float.NaN, Float.MAX_VALUE, Float.MIN_VALUE)),
          new Leaf(
              "double",
              FieldType.DOUBLE,
              List.of(-2.25, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -0.0, Double.NaN)),
          new Leaf(
              "decimal",
              FieldType.DECIMAL,
              List.of(
                  new BigDecimal("12.340"),
                  new BigDecimal("-0.00000000000000000001"),
                  new BigDecimal("1E+30"),
                  new BigDecimal("123456789012345678901234567890.123456789"))),
          new Leaf(
              "fixedDecimal",
              FieldType.logicalType(FixedPrecisionNumeric.of(38, 4)),
              // At the scale, as reads give them; the largest and smallest of the precision.
              List.of(
                  new BigDecimal("12.3400"),
                  new BigDecimal("-9999999999999999999999999999999999.9999"),
                  new BigDecimal("0.0000"),
                  new BigDecimal("9999999999999999999999999999999999.9999"))),
          new Leaf("boolean", FieldType.BOOLEAN, List.of(true, false)),
          new Leaf(
              "string",
              FieldType.STRING,
              List.of("plain", "", "ünïcödé ✓ 日本語 🎉")),
          new Leaf(
              "bytes",
              FieldType.BYTES,
              List.of(new byte[0], allByteValues(), "bytes".getBytes(StandardCharsets.UTF_8))),
          new Leaf(
              "datetime",
              FieldType.DATETIME,
              List.of(new Instant(0), new Instant(-1), new Instant(253402300799999L))),
          new Leaf(
              "date",
              FieldType.logicalType(SqlTypes.DATE),
              List.of(
                  LocalDate.of(2026, 11, 23),
                  LocalDate.of(1, 1, 1),
                  LocalDate.of(9999, 12, 31),
                  LocalDate.of(1969, 12, 31))),
          new Leaf(
              "time",
              FieldType.logicalType(SqlTypes.TIME),
              List.of(
                  LocalTime.of(12, 34, 56, 1_000),
                  LocalTime.MIDNIGHT,
                  LocalTime.of(23, 59, 59, 999_999_999))),
          new Leaf(
              "localDatetime",
              FieldType.logicalType(SqlTypes.DATETIME),
              List.of(
                  LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_789),
                  LocalDateTime.of(1970, 1, 1, 0, 0),
                  LocalDateTime.of(1900, 2, 28, 23, 59, 59, 999_999_999))),
          new Leaf(
              "timestamp",
              FieldType.logicalType(SqlTypes.TIMESTAMP),
              List.of(
                  java.time.Instant.ofEpochSecond(1_800_000_000L, 123_456_000),
                  java.time.Instant.ofEpochSecond(-1, 999_999_000),
                  java.time.Instant.EPOCH)),
          new Leaf(
              "fixedBytes",
              FieldType.logicalType(FixedBytes.of(4)),
              List.of(new byte[] {0, 1, 2, 3}, new byte[] {-1, -1, -1, -1})),
          new Leaf(
              "enumeration",
              FieldType.logicalType(COLOR),
              List.of(COLOR.valueOf("RED"), COLOR.valueOf("BLUE"), COLOR.valueOf("GREEN"))));

  /** Every leaf type, required ({@code x}) and nullable ({@code nX}). */
  public static final Schema LEAF_SCHEMA = leafSchema();

  static final Schema INNER =
      Schema.builder()
          .addStringField("city")
          .addNullableField("zip", FieldType.INT32)
          .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
          .build();

  /** A ROW holding a ROW: two levels of nesting below the top. */
  static final Schema MIDDLE =
      Schema.builder()
          .addStringField("name")
          .addRowField("inner", INNER)
          .addNullableField("nInner", FieldType.row(INNER))
          .build();

  public static final Schema SCHEMA =
      Schema.builder()
          .addFields(LEAF_SCHEMA.getFields())
          .addNullableField("leaves", FieldType.row(LEAF_SCHEMA))
          .addArrayField("leavesList", FieldType.row(LEAF_SCHEMA).withNullable(true))
          .addRowField("row", MIDDLE)
          .addNullableField("nRow", FieldType.row(MIDDLE))
          .addArrayField("array", FieldType.STRING.withNullable(true))
          .addNullableField("nArray", FieldType.array(FieldType.INT64.withNullable(true)))
          .addArrayField(
              "arrayOfArrays", FieldType.array(FieldType.INT32.withNullable(true)).withNullable(true))
          .addIterableField("iterable", FieldType.DOUBLE)
          .addNullableField("nIterable", FieldType.iterable(FieldType.STRING.withNullable(true)))
          .addMapField("stringMap", FieldType.STRING, FieldType.INT64.withNullable(true))
          .addNullableField("nStringMap", FieldType.map(FieldType.STRING, FieldType.BYTES))
          .addMapField("intMap", FieldType.INT32, FieldType.STRING.withNullable(true))
          .addNullableField(
              "nLongMap", FieldType.map(FieldType.INT64, FieldType.row(INNER).withNullable(true)))
          .addArrayField("rows", FieldType.row(INNER).withNullable(true))
          // Few copies of the long string keep the DirectRunner's per-step encoding checks fast.
          .addNullableField("longString", FieldType.STRING)
          .build();

  /** Four rows: values, nulls at the top, nulls inside, and the remaining edge values. */
  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  public static Row row(int i) {
    boolean topNulls = i == 1;
    boolean innerNulls = i == 2;
    List<Object> values = new ArrayList<>(leafValues(i, topNulls));
    values.add(topNulls ? null : leaves(i + 1, innerNulls));
    values.add(Arrays.asList(leaves(i + 2, false), innerNulls ? null : leaves(i + 3, true)));
    values.add(middle(i, innerNulls));
    values.add(topNulls ? null : middle(i + 1, !innerNulls));
    values.add(Arrays.asList(i == 3 ? MEGABYTE_STRING : "a" + i, innerNulls ? null : "", "ü"));
    values.add(topNulls ? null : Arrays.asList(innerNulls ? null : (long) i, Long.MIN_VALUE));
    values.add(
        Arrays.asList(
            Arrays.asList(1, innerNulls ? null : 2), innerNulls ? null : List.of(), List.of(i)));
    values.add(Arrays.asList(0.5, (double) i));
    values.add(topNulls ? null : Arrays.asList("x", innerNulls ? null : "y"));
    values.add(map("k" + i, (Object) (long) i, "ünï", innerNulls ? null : -1L));
    values.add(topNulls ? null : map("", new byte[] {1}, "b", new byte[0]));
    values.add(map(i, "v" + i, -i - 1, innerNulls ? null : ""));
    values.add(topNulls ? null : map((long) i, inner(i, innerNulls), Long.MAX_VALUE, null));
    values.add(Arrays.asList(inner(i, false), innerNulls ? null : inner(i + 1, true)));
    values.add(topNulls ? null : i == 0 ? MEGABYTE_STRING : "short " + i);
    return Row.withSchema(SCHEMA).attachValues(values);
  }

  private static Row leaves(int i, boolean nulls) {
    return Row.withSchema(LEAF_SCHEMA).attachValues(leafValues(i, nulls));
  }

  private static List<Object> leafValues(int i, boolean nulls) {
    List<Object> values = new ArrayList<>();
    for (Leaf leaf : LEAVES) {
      values.add(leaf.values().get(i % leaf.values().size()));
    }
    for (Leaf leaf : LEAVES) {
      values.add(nulls ? null : leaf.values().get((i + 1) % leaf.values().size()));
    }
    return values;
  }

  private static Row middle(int i, boolean nulls) {
    return Row.withSchema(MIDDLE)
        .attachValues(
            Arrays.asList("middle " + i, inner(i, nulls), nulls ? null : inner(i + 1, false)));
  }

  private static Row inner(int i, boolean nulls) {
    return Row.withSchema(INNER)
        .attachValues(
            Arrays.asList(
                "city " + i,
                nulls ? null : i * 1000,
                nulls ? null : Arrays.asList("t" + i, null)));
  }

  private static <K, V> Map<K, V> map(K k1, V v1, K k2, V v2) {
    Map<K, V> map = new LinkedHashMap<>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }

  private static Schema leafSchema() {
    Schema.Builder builder = Schema.builder();
    for (Leaf leaf : LEAVES) {
      builder.addField(leaf.name(), leaf.type());
    }
    for (Leaf leaf : LEAVES) {
      String name = "n" + Character.toUpperCase(leaf.name().charAt(0)) + leaf.name().substring(1);
      builder.addNullableField(name, leaf.type());
    }
    return builder.build();
  }

  private static byte[] allByteValues() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static String megabyteString() {
    StringBuilder text = new StringBuilder(1 << 20);
    while (text.length() < (1 << 20) - 8) {
      text.append("abcdefghij-€-");
    }
    return text.toString();
  }
}
