package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A read with a projection outputs only the chosen fields, nested ones included, and the file
 * reader decodes no others; a field that does not exist fails when the pipeline is built.
 */
class ProjectionTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private List<Row> writeConformanceRows(CheckpointFormat format) {
    List<Row> rows = ConformanceRows.rows();
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows).withRowSchema(ConformanceRows.SCHEMA))
        .apply(CheckpointIO.write("types").to(context()).withFormat(format));
    TestPipelines.run(write);
    return rows;
  }

  /** Selecting a top-level leaf, a field two ROWs deep, and a MAP whole. */
  private static final Schema EXPECTED =
      Schema.builder()
          .addNullableField("nTimestamp", ConformanceRows.SCHEMA.getField("nTimestamp").getType())
          .addRowField(
              "row",
              Schema.builder()
                  .addRowField("inner", Schema.builder().addStringField("city").build())
                  .addNullableField(
                      "nInner",
                      FieldType.row(
                          Schema.builder()
                              .addNullableField(
                                  "tags", FieldType.array(FieldType.STRING.withNullable(true)))
                              .build()))
                  .build())
          .addNullableField("nLongMap", ConformanceRows.SCHEMA.getField("nLongMap").getType())
          .build();

  private static Row expected(Row written) {
    Row row = written.getRow("row");
    Row nInner = row.getRow("nInner");
    Schema rowSchema = EXPECTED.getField("row").getType().getRowSchema();
    Schema innerSchema = rowSchema.getField("inner").getType().getRowSchema();
    Schema nInnerSchema = rowSchema.getField("nInner").getType().getRowSchema();
    List<Object> rowValues = new ArrayList<>();
    rowValues.add(Row.withSchema(innerSchema).addValue(row.getRow("inner").getString("city")).build());
    rowValues.add(
        nInner == null
            ? null
            : Row.withSchema(nInnerSchema).addValue(nInner.getValue("tags")).build());
    return Row.withSchema(EXPECTED)
        .addValues(
            written.getValue("nTimestamp"),
            Row.withSchema(rowSchema).addValues(rowValues).build(),
            written.getValue("nLongMap"))
        .build();
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aProjectionOutputsOnlyTheChosenFieldsNestedOnesIncluded(CheckpointFormat format) {
    List<Row> rows = writeConformanceRows(format);
    Pipeline read = TestPipelines.create();
    PCollection<Row> back =
        read.apply(
            CheckpointIO.read("types")
                .from(context())
                // Any order and overlaps; the output keeps the stored order.
                .withProjection("nLongMap", "row.nInner.tags", "nTimestamp", "row.inner.city"));
    assertEquals(EXPECTED, back.getSchema());
    List<Row> expected = new ArrayList<>();
    rows.forEach(row -> expected.add(expected(row)));
    PAssert.that(back).containsInAnyOrder(expected);
    TestPipelines.run(read);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void theFileReaderDecodesNoFieldLeftOut(CheckpointFormat format) throws Exception {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(0, 50)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()).withFormat(format).withNumShards(1));
    TestPipelines.run(write);
    String shard = ShardReads.shards(context(), CheckpointScope.RUN, "orders").get(0);

    // The reader is told that 'customer' holds INT64, which the file cannot give: reading it
    // fails, so a projection without it succeeding shows that its column is never decoded.
    Schema wrong =
        Schema.builder()
            .addInt64Field("id")
            .addInt64Field("customer")
            .addDoubleField("amount")
            .addNullableField("note", FieldType.STRING)
            .build();
    Schema idAndAmount = Schema.builder().addInt64Field("id").addDoubleField("amount").build();
    List<Row> read = new ArrayList<>();
    ShardReads.readEachSplit(format, wrong, idAndAmount, shard).forEach(read::addAll);
    assertEquals(50, read.size());
    for (Row row : read) {
      assertEquals(row.getInt64("id") * 1.5, row.getDouble("amount"));
    }
    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () -> ShardReads.readEachSplit(format, wrong, wrong, shard));
    assertEquals(shard, e.getFile());
  }

  @Test
  void aProjectionAppliesToAReadInTheSamePipeline() {
    Pipeline pipeline = TestPipelines.create();
    CheckpointWriteResult written =
        pipeline
            .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
            .apply(CheckpointIO.write("orders").to(context()).withFormat(CheckpointFormat.ARROW));
    PCollection<Row> notes = pipeline.apply(CheckpointIO.read(written).withProjection("note"));
    Schema noteOnly = Schema.builder().addNullableField("note", FieldType.STRING).build();
    assertEquals(noteOnly, notes.getSchema());
    List<Row> expected = new ArrayList<>();
    for (Row order : TestRows.orders(0, 5)) {
      expected.add(Row.withSchema(noteOnly).addValue(order.getString("note")).build());
    }
    PAssert.that(notes).containsInAnyOrder(expected);
    TestPipelines.run(pipeline);
  }

  @Test
  void anUnknownFieldIsRejectedAtConstructionListingTheFieldsThatExist() {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(0, 1)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    IllegalArgumentException top =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                read.apply(
                    CheckpointIO.read("orders").from(context()).withProjection("id", "custmer")));
    assertTrue(top.getMessage().contains("'custmer'"), top.getMessage());
    assertTrue(
        top.getMessage().contains("Its fields are: id, customer, amount, note"), top.getMessage());
  }

  @Test
  void anUnknownOrUnreachableNestedFieldIsRejectedNamingItsParent() {
    Pipeline pipeline = TestPipelines.create();
    CheckpointWriteResult written =
        pipeline
            .apply(Create.of(TestRows.allTypes(0, 1)).withRowSchema(TestRows.ALL_TYPES))
            .apply(CheckpointIO.write("all").to(context()));
    IllegalArgumentException nested =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pipeline.apply(
                    CheckpointIO.read(written).withProjection("customer.address.town")));
    assertTrue(
        nested.getMessage().contains("'customer.address' has no field 'town'"),
        nested.getMessage());
    assertTrue(nested.getMessage().contains("Its fields are: city, zip"), nested.getMessage());

    IllegalArgumentException intoList =
        assertThrows(
            IllegalArgumentException.class,
            () -> pipeline.apply(CheckpointIO.read(written).withProjection("addresses.city")));
    assertTrue(intoList.getMessage().contains("not a ROW"), intoList.getMessage());
    assertTrue(intoList.getMessage().contains("select 'addresses' whole"), intoList.getMessage());

    assertThrows(IllegalArgumentException.class, () -> CheckpointIO.read("x").withProjection());
  }
}
