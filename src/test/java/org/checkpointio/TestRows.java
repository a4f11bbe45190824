package org.checkpointio;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/** Schemas and rows the tests write and compare. */
public final class TestRows {
  private TestRows() {}

  public static final Schema ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addDoubleField("amount")
          .addNullableField("note", FieldType.STRING)
          .build();

  public static Row order(long id) {
    return Row.withSchema(ORDER)
        .addValues(id, "customer-" + (id % 100), id * 1.5, id % 3 == 0 ? null : "note " + id)
        .build();
  }

  public static List<Row> orders(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(order(id));
    }
    return rows;
  }

  static final Schema ADDRESS =
      Schema.builder()
          .addStringField("city")
          .addNullableField("zip", FieldType.INT32)
          .build();

  static final Schema CUSTOMER =
      Schema.builder()
          .addStringField("name")
          .addRowField("address", ADDRESS)
          .addNullableField("previous", FieldType.row(ADDRESS))
          .build();

  /** Every primitive Beam type, required and nullable, plus nested ROW, ARRAY and MAP. */
  public static final Schema ALL_TYPES =
      Schema.builder()
          .addByteField("byte")
          .addInt16Field("int16")
          .addInt32Field("int32")
          .addInt64Field("int64")
          .addFloatField("float")
          .addDoubleField("double")
          .addDecimalField("decimal")
          .addBooleanField("boolean")
          .addStringField("string")
          .addByteArrayField("bytes")
          .addDateTimeField("datetime")
          .addNullableField("nByte", FieldType.BYTE)
          .addNullableField("nInt16", FieldType.INT16)
          .addNullableField("nInt32", FieldType.INT32)
          .addNullableField("nInt64", FieldType.INT64)
          .addNullableField("nFloat", FieldType.FLOAT)
          .addNullableField("nDouble", FieldType.DOUBLE)
          .addNullableField("nDecimal", FieldType.DECIMAL)
          .addNullableField("nBoolean", FieldType.BOOLEAN)
          .addNullableField("nString", FieldType.STRING)
          .addNullableField("nBytes", FieldType.BYTES)
          .addNullableField("nDatetime", FieldType.DATETIME)
          .addRowField("customer", CUSTOMER)
          .addArrayField("tags", FieldType.STRING)
          .addNullableField("scores", FieldType.array(FieldType.INT64.withNullable(true)))
          .addIterableField("history", FieldType.DOUBLE)
          .addMapField("attributes", FieldType.STRING, FieldType.STRING)
          .addNullableField(
              "counts", FieldType.map(FieldType.INT32, FieldType.INT64.withNullable(true)))
          .addArrayField("addresses", FieldType.row(ADDRESS))
          .addLogicalTypeField("day", SqlTypes.DATE)
          .addLogicalTypeField("at", SqlTypes.TIMESTAMP)
          .addField("field with spaces", FieldType.STRING)
          .build();

  /** A row of {@link #ALL_TYPES} whose values vary with {@code i}; odd rows hold nulls. */
  public static Row allTypes(int i) {
    boolean nulls = i % 2 == 1;
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("k" + i, "v" + i);
    attributes.put("ünïcödé", "");
    Map<Integer, Long> counts = new LinkedHashMap<>();
    counts.put(i, (long) i * 1000);
    counts.put(-i - 1, null);
    return Row.withSchema(ALL_TYPES)
        .addValues(
            (byte) (i - 128),
            (short) (i * 300 - 30000),
            i * 70000 - 1,
            Long.MAX_VALUE - i,
            i / 3f,
            i / 7d,
            new BigDecimal("12345678901234567890.00" + i),
            i % 3 == 0,
            "string " + i + " — ✓",
            ("bytes" + i).getBytes(StandardCharsets.UTF_8),
            new Instant(1_700_000_000_000L + i),
            nulls ? null : (byte) i,
            nulls ? null : (short) -i,
            nulls ? null : i,
            nulls ? null : (long) -i,
            nulls ? null : (float) i,
            nulls ? null : -i / 3d,
            nulls ? null : new BigDecimal("-0.000" + i),
            nulls ? null : true,
            nulls ? null : "",
            nulls ? null : new byte[0],
            nulls ? null : new Instant(-1000L * i),
            Row.withSchema(CUSTOMER)
                .addValues(
                    "customer " + i,
                    Row.withSchema(ADDRESS).addValues("city " + i, nulls ? null : i).build(),
                    nulls ? null : Row.withSchema(ADDRESS).addValues("old city", 1).build())
                .build(),
            Arrays.asList("a" + i, "b", ""),
            nulls ? null : Arrays.asList(1L, null, (long) i),
            Arrays.asList(0.5, (double) i),
            attributes,
            nulls ? null : counts,
            List.of(
                Row.withSchema(ADDRESS).addValues("x", 1).build(),
                Row.withSchema(ADDRESS).addValues("y", null).build()),
            LocalDate.of(2026, 1, 1).plusDays(i * 40L),
            java.time.Instant.ofEpochSecond(1_800_000_000L + i, 123_456_000L),
            "spaced " + i)
        .build();
  }

  public static List<Row> allTypes(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(allTypes(i));
    }
    return rows;
  }
}
