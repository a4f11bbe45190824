package org.checkpointio.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.SchemaMismatchException;
import org.junit.jupiter.api.Test;

/** The schema contract's rules, applied to rows directly: what aligns, how, and what is refused. */
class SchemaAlignmentTest {
  private static final Schema ADDRESS =
      Schema.builder().addStringField("city").addNullableField("zip", FieldType.INT32).build();

  private static final Schema CONTRACT =
      Schema.builder()
          .addInt64Field("id")
          .addDoubleField("amount")
          .addDecimalField("total")
          .addNullableField("note", FieldType.STRING)
          .addRowField("address", ADDRESS)
          .build();

  private static Row address(String city, Integer zip) {
    return Row.withSchema(ADDRESS).addValues(city, zip).build();
  }

  @Test
  void theSameSchemaIsTheIdentity() {
    SchemaAlignment alignment = SchemaAlignment.plan("c", CONTRACT, CONTRACT, false);
    assertTrue(alignment.isIdentity());
    Row row =
        Row.withSchema(CONTRACT)
            .addValues(1L, 2.5, new BigDecimal("3.25"), "n", address("Oslo", 150))
            .build();
    assertEquals(row, alignment.align(row));
  }

  @Test
  void fieldsAreMatchedByNameWidenedExactlyAndMissingNullableOnesAreNull() {
    Schema input =
        Schema.builder()
            .addRowField("address", ADDRESS)
            .addInt64Field("total") // INT64 to DECIMAL
            .addFloatField("amount") // FLOAT to DOUBLE
            .addInt32Field("id") // INT32 to INT64
            .build(); // no "note"
    SchemaAlignment alignment = SchemaAlignment.plan("c", CONTRACT, input, false);
    assertFalse(alignment.isIdentity());
    Row aligned =
        alignment.align(
            Row.withSchema(input).addValues(address("Oslo", null), 9_007_199_254_740_993L, 0.5f, 7)
                .build());
    assertEquals(CONTRACT, aligned.getSchema());
    assertEquals(7L, aligned.getInt64("id"));
    assertEquals(0.5, aligned.getDouble("amount"));
    assertEquals(new BigDecimal("9007199254740993"), aligned.getDecimal("total"));
    assertNull(aligned.getString("note"));
    assertEquals(address("Oslo", null), aligned.getRow("address"));
  }

  @Test
  void aNarrowingIsRefusedNamingTheFieldAndBothTypes() {
    Schema input =
        Schema.builder()
            .addDoubleField("id") // DOUBLE to INT64 loses values
            .addDoubleField("amount")
            .addDecimalField("total")
            .addRowField("address", ADDRESS)
            .build();
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> SchemaAlignment.plan("c", CONTRACT, input, false));
    assertEquals("id", e.getField());
    assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("INT64"),
        e.getMessage());
  }

  @Test
  void aMissingRequiredFieldIsRefusedWithItsPathInsideARow() {
    Schema zipOnly = Schema.builder().addNullableField("zip", FieldType.INT32).build();
    Schema input =
        Schema.builder()
            .addInt64Field("id")
            .addDoubleField("amount")
            .addDecimalField("total")
            .addRowField("address", zipOnly) // no "city", which the contract requires
            .build();
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class, () -> SchemaAlignment.plan("c", CONTRACT, input, false));
    assertEquals("address.city", e.getField());
  }

  @Test
  void anExtraFieldIsRefusedUnlessLenientWhichDropsIt() {
    Schema input =
        Schema.builder()
            .addInt64Field("id")
            .addDoubleField("amount")
            .addDecimalField("total")
            .addRowField("address", ADDRESS)
            .addStringField("extra")
            .build();
    SchemaMismatchException strict =
        assertThrows(
            SchemaMismatchException.class, () -> SchemaAlignment.plan("c", CONTRACT, input, false));
    assertEquals("extra", strict.getField());
    assertTrue(strict.getMessage().contains("withLenientSchema()"), strict.getMessage());

    Row aligned =
        SchemaAlignment.plan("c", CONTRACT, input, true)
            .align(
                Row.withSchema(input)
                    .addValues(1L, 2.0, BigDecimal.ONE, address("Rome", 1), "dropped")
                    .build());
    assertEquals(CONTRACT, aligned.getSchema());
    assertEquals(1L, aligned.getInt64("id"));
    assertEquals(address("Rome", 1), aligned.getRow("address"));
  }

  private static final FieldType AMOUNT_18_2 =
      FieldType.logicalType(FixedPrecisionNumeric.of(18, 2));

  private static Schema amount(FieldType type) {
    return Schema.builder().addInt64Field("id").addField("amount", type).build();
  }

  @Test
  void theSameFixedDecimalIsTheIdentity() {
    assertTrue(
        SchemaAlignment.plan("c", amount(AMOUNT_18_2), amount(AMOUNT_18_2), false).isIdentity());
  }

  @Test
  void aDecimalAlignsToAFixedDecimalValueByValueAtItsScale() {
    for (FieldType decimal :
        new FieldType[] {
          FieldType.DECIMAL,
          FieldType.logicalType(FixedPrecisionNumeric.of(10, 1)),
          FieldType.logicalType(FixedPrecisionNumeric.of(30, 6)) // wider: each value is checked
        }) {
      Schema input = amount(decimal);
      SchemaAlignment alignment = SchemaAlignment.plan("c", amount(AMOUNT_18_2), input, false);
      assertFalse(alignment.isIdentity());
      Row aligned =
          alignment.align(Row.withSchema(input).attachValues(1L, new BigDecimal("-7.5")));
      assertEquals(amount(AMOUNT_18_2), aligned.getSchema());
      assertEquals(new BigDecimal("-7.50"), aligned.getDecimal("amount"));

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  alignment.align(
                      Row.withSchema(input).attachValues(2L, new BigDecimal("0.125"))));
      assertEquals(
          "Field 'amount' is DECIMAL(18,2), but holds 0.125, which has more than 2 digits after"
              + " the point; round it before the write, such as with setScale(2,"
              + " RoundingMode.HALF_EVEN)",
          e.getMessage());
    }
  }

  @Test
  void anIntegerAlignsToAFixedDecimalOnlyIfEveryValueFits() {
    Schema ints = amount(FieldType.INT32);
    Row aligned =
        SchemaAlignment.plan("c", amount(AMOUNT_18_2), ints, false)
            .align(Row.withSchema(ints).attachValues(1L, Integer.MIN_VALUE));
    assertEquals(new BigDecimal("-2147483648.00"), aligned.getDecimal("amount"));

    // INT64 has 19 digits; DECIMAL(18,2) holds 16 before the point.
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () -> SchemaAlignment.plan("c", amount(AMOUNT_18_2), amount(FieldType.INT64), false));
    assertEquals("amount", e.getField());
    assertTrue(
        e.getMessage().contains("DECIMAL(18,2) NOT NULL") && e.getMessage().contains("INT64"),
        e.getMessage());
  }

  @Test
  void aFixedDecimalAlignsToAPlainDecimalAsItIs() {
    Schema input = amount(AMOUNT_18_2);
    Row aligned =
        SchemaAlignment.plan("c", amount(FieldType.DECIMAL), input, false)
            .align(Row.withSchema(input).attachValues(1L, new BigDecimal("3.10")));
    assertEquals(new BigDecimal("3.10"), aligned.getDecimal("amount"));
  }

  @Test
  void aStringDoesNotAlignToAFixedDecimal() {
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () -> SchemaAlignment.plan("c", amount(AMOUNT_18_2), amount(FieldType.STRING), false));
    assertEquals("amount", e.getField());
    assertTrue(
        e.getMessage().contains("DECIMAL(18,2) NOT NULL") && e.getMessage().contains("STRING"),
        e.getMessage());
  }
}
