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

/** The first committed schema of a name is its contract; later appends are aligned to it. */
class SchemaContractTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  /** Commits the contract {@link TestRows#ORDER} with rows 0..10 in a pipeline of its own. */
  private void commitContract() {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()).withAppend());
    TestPipelines.run(pipeline);
  }

  private CheckpointIO.Write append() {
    return CheckpointIO.write("orders").to(context()).withAppend();
  }

  private static PCollection<Row> rows(Pipeline pipeline, Schema schema, List<Row> rows) {
    return pipeline.apply(Create.of(rows).withRowSchema(schema));
  }

  private void expectUnion(List<Row> appended) {
    List<Row> expected = new ArrayList<>(TestRows.orders(0, 10));
    expected.addAll(appended);
    Pipeline read = TestPipelines.create();
    PCollection<Row> back = read.apply(CheckpointIO.read("orders").from(context()));
    PAssert.that(back).containsInAnyOrder(expected);
    assertEquals(TestRows.ORDER, back.getSchema());
    TestPipelines.run(read);
  }

  @Test
  void aWriterInAnotherPipelineAlignsReorderedAndWidenedFieldsToTheStoredContract() {
    commitContract();
    Schema reorderedNarrower =
        Schema.builder()
            .addNullableField("note", FieldType.STRING)
            .addFloatField("amount")
            .addStringField("customer")
            .addInt32Field("id")
            .build();
    Pipeline pipeline = TestPipelines.create();
    rows(pipeline, reorderedNarrower,
            List.of(Row.withSchema(reorderedNarrower).addValues("n", 2.5f, "c", 77).build()))
        .apply(append());
    TestPipelines.run(pipeline);

    expectUnion(List.of(Row.withSchema(TestRows.ORDER).addValues(77L, "c", 2.5d, "n").build()));
  }

  @Test
  void aMissingNullableFieldIsFilledWithNull() {
    commitContract();
    Schema withoutNote =
        Schema.builder().addInt64Field("id").addStringField("customer").addDoubleField("amount")
            .build();
    Pipeline pipeline = TestPipelines.create();
    rows(pipeline, withoutNote,
            List.of(Row.withSchema(withoutNote).addValues(55L, "c", 1.0).build()))
        .apply(append());
    TestPipelines.run(pipeline);

    expectUnion(List.of(Row.withSchema(TestRows.ORDER).addValues(55L, "c", 1.0, null).build()));
  }

  @Test
  void anExtraFieldIsRejectedNamingItUnlessTheWriteIsLenient() {
    commitContract();
    Schema withExtra =
        Schema.builder().addInt64Field("id").addStringField("customer").addDoubleField("amount")
            .addNullableField("note", FieldType.STRING).addBooleanField("express").build();
    List<Row> extra = List.of(Row.withSchema(withExtra).addValues(66L, "c", 3.0, null, true)
        .build());

    Pipeline strict = TestPipelines.create();
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () -> rows(strict, withExtra, extra).apply(append()));
    assertEquals("express", e.getField());
    assertEquals("absent", e.getContractType());
    assertEquals("BOOLEAN NOT NULL", e.getWriteType());
    assertTrue(e.getMessage().contains("withLenientSchema()"), e.getMessage());

    Pipeline lenient = TestPipelines.create();
    rows(lenient, withExtra, extra).apply(append().withLenientSchema());
    TestPipelines.run(lenient);
    expectUnion(List.of(Row.withSchema(TestRows.ORDER).addValues(66L, "c", 3.0, null).build()));
  }

  @Test
  void aMissingNonNullableFieldIsRejectedNamingItAndItsType() {
    commitContract();
    Schema withoutAmount =
        Schema.builder().addInt64Field("id").addStringField("customer").build();
    Pipeline pipeline = TestPipelines.create();
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () ->
                rows(pipeline, withoutAmount,
                        List.of(Row.withSchema(withoutAmount).addValues(1L, "c").build()))
                    .apply(append()));
    assertEquals("amount", e.getField());
    assertEquals("DOUBLE NOT NULL", e.getContractType());
    assertEquals("absent", e.getWriteType());
  }

  @Test
  void anUnsafeCastIsRejectedNamingTheFieldAndBothTypes() {
    commitContract();
    Schema stringAmounts =
        Schema.builder().addInt64Field("id").addStringField("customer").addStringField("amount")
            .build();
    Pipeline pipeline = TestPipelines.create();
    SchemaMismatchException e =
        assertThrows(
            SchemaMismatchException.class,
            () ->
                rows(pipeline, stringAmounts,
                        List.of(Row.withSchema(stringAmounts).addValues(1L, "c", "9.99").build()))
                    .apply(append()));
    assertEquals("amount", e.getField());
    assertTrue(e.getMessage().contains("DOUBLE NOT NULL") && e.getMessage().contains("STRING"),
        e.getMessage());

    Schema nullableCustomer =
        Schema.builder().addInt64Field("id").addNullableField("customer", FieldType.STRING)
            .addDoubleField("amount").build();
    SchemaMismatchException nullability =
        assertThrows(
            SchemaMismatchException.class,
            () ->
                rows(TestPipelines.create(), nullableCustomer, List.of())
                    .apply(append()));
    assertEquals("customer", nullability.getField());
  }

  @Test
  void appendingWritersOfOnePipelineShareTheFirstWritersSchema() {
    Schema narrow = Schema.builder().addInt64Field("id").addStringField("customer")
        .addFloatField("amount").build();
    Pipeline pipeline = TestPipelines.create();
    rows(pipeline, TestRows.ORDER, TestRows.orders(0, 10)).apply("First", append());
    pipeline
        .apply("Narrow", Create.of(Row.withSchema(narrow).addValues(5L, "x", 0.5f).build())
            .withRowSchema(narrow))
        .apply("Second", append());
    TestPipelines.run(pipeline);

    expectUnion(List.of(Row.withSchema(TestRows.ORDER).addValues(5L, "x", 0.5, null).build()));
  }

  @Test
  void aContractCommittedWhileAnotherJobRanFailsThatJobsCommit() {
    // Both pipelines are built before either commits, so neither sees a contract yet.
    Schema other = Schema.builder().addStringField("id").build();
    Pipeline first = TestPipelines.create();
    rows(first, TestRows.ORDER, TestRows.orders(0, 10)).apply(append());
    Pipeline second = TestPipelines.create();
    rows(second, other, List.of(Row.withSchema(other).addValues("x").build())).apply(append());

    TestPipelines.run(first);
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(second));
    SchemaMismatchException e = TestPipelines.causeOf(thrown, SchemaMismatchException.class);
    assertTrue(e.getMessage().contains("'orders'"), e.getMessage());

    expectUnion(List.of());
  }
}
