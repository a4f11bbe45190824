package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input fails when the pipeline is built, with a message that quotes it and says the fix. */
class ConstructionValidationTest {
  @TempDir Path root;

  private PCollection<org.apache.beam.sdk.values.Row> orders(Pipeline pipeline) {
    return pipeline.apply(Create.of(TestRows.orders(0, 3)).withRowSchema(TestRows.ORDER));
  }

  @Test
  void correlationScopeWithoutACorrelationIdIsRejected() {
    Pipeline pipeline = TestPipelines.create();
    CheckpointIO.Write write =
        CheckpointIO.write("orders")
            .to(CheckpointContext.of(root.toString(), "run-1"))
            .withScope(CheckpointScope.CORRELATION);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> orders(pipeline).apply(write));
    assertTrue(e.getMessage().contains("correlationId"), e.getMessage());
    assertTrue(e.getMessage().contains("--checkpointCorrelationId="), e.getMessage());
  }

  @Test
  void aMissingRootIsRejectedWithTheOptionToSet() {
    for (String root : new String[] {null, "", "  "}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CheckpointContext.of(root, "run-1"));
      assertTrue(e.getMessage().contains("--checkpointRoot"), e.getMessage());
    }
    IllegalArgumentException fromOptions =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointContext.fromOptions(PipelineOptionsFactory.create()));
    assertTrue(fromOptions.getMessage().contains("--checkpointRoot"));
  }

  @Test
  void aRootWithNoFileSystemIsRejectedAtConstruction() {
    Pipeline pipeline = TestPipelines.create();
    CheckpointIO.Write write =
        CheckpointIO.write("orders").to(CheckpointContext.of("nosuchfs://bucket/x", "run-1"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> orders(pipeline).apply(write));
    assertTrue(e.getMessage().contains("'nosuchfs://bucket/x'"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "bad\nname", "tab\there"})
  void invalidNamesAndIdsAreRejectedQuotingTheValue(String value) {
    for (var attempt :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> CheckpointIO.write(value),
            () -> CheckpointIO.read(value),
            () -> CheckpointContext.of(root.toString(), value),
            () -> CheckpointContext.of(root.toString(), "run").withCorrelationId(value))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, attempt);
      String quoted = "'" + value.replace("\n", "\\u000A").replace("\t", "\\u0009") + "'";
      assertTrue(e.getMessage().contains(quoted), e.getMessage());
    }
  }

  @Test
  void anOverlongNameIsRejectedWithTheLimit() {
    String longName = "x".repeat(201);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CheckpointIO.write(longName));
    assertTrue(e.getMessage().contains("201 bytes, over the limit of 200"), e.getMessage());
    // Multi-byte characters count as their encoded size.
    assertThrows(IllegalArgumentException.class, () -> CheckpointIO.write("é".repeat(40)));
  }

  @Test
  void reservedCharactersInIdsArePercentEncodedIntoOneSegment() throws Exception {
    CheckpointContext context =
        CheckpointContext.of(root.toString(), "daily/2026-11-23").withCorrelationId("../../x");
    Pipeline pipeline = TestPipelines.create();
    orders(pipeline).apply(CheckpointIO.write("a/b").to(context));
    orders(pipeline)
        .apply(
            "Correlation",
            CheckpointIO.write("a/b").to(context).withScope(CheckpointScope.CORRELATION));
    TestPipelines.run(pipeline);

    assertTrue(Files.exists(root.resolve("runs/daily%2F2026-11-23/a%2Fb/_manifest-0000000001.json")));
    assertTrue(Files.exists(root.resolve("correlations/..%2F..%2Fx/a%2Fb/_manifest-0000000001.json")));
    // Nothing escaped the scope directories.
    try (var top = Files.list(root)) {
      assertEquals(
          List.of("correlations", "runs"),
          top.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (var correlations = Files.list(root.resolve("correlations"))) {
      assertEquals(
          List.of("..%2F..%2Fx"),
          correlations.map(p -> p.getFileName().toString()).toList());
    }
    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("a/b").from(context)))
        .containsInAnyOrder(TestRows.orders(0, 3));
    TestPipelines.run(read);
  }

  @Test
  void optionsCarryTheContextFromTheCommandLine() {
    CheckpointOptions options =
        PipelineOptionsFactory.fromArgs(
                "--checkpointRoot=" + root, "--checkpointRunId=r-7", "--checkpointCorrelationId=c-9",
                "--checkpointFormat=PARQUET")
            .as(CheckpointOptions.class);
    CheckpointContext context = CheckpointContext.fromOptions(options);
    assertEquals(root.toString(), context.root());
    assertEquals("r-7", context.runId());
    assertEquals("c-9", context.correlationId());
    assertEquals(CheckpointFormat.PARQUET, options.getCheckpointFormat());

    CheckpointOptions defaults =
        PipelineOptionsFactory.fromArgs("--checkpointRoot=" + root).as(CheckpointOptions.class);
    String runId = defaults.getCheckpointRunId();
    assertTrue(runId.matches("[0-9a-f-]{36}"), runId);
    assertEquals(runId, defaults.getCheckpointRunId(), "the default run id is fixed once drawn");
    assertEquals(null, defaults.getCheckpointCorrelationId());
  }

  @Test
  void aCollectionWithoutASchemaIsRejected() {
    Pipeline pipeline = TestPipelines.create();
    PCollection<String> strings = pipeline.apply(Create.of("a", "b"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                strings.apply(
                    CheckpointIO.write("s").to(CheckpointContext.of(root.toString(), "r"))));
    assertTrue(e.getMessage().contains("needs a PCollection with a schema"), e.getMessage());
  }

  @Test
  void aWriteWithoutAContextOrWithNegativeShardsIsRejected() {
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> orders(pipeline).apply(CheckpointIO.write("orders")));
    assertTrue(e.getMessage().contains(".to(CheckpointContext"), e.getMessage());
    IllegalArgumentException shards =
        assertThrows(
            IllegalArgumentException.class, () -> CheckpointIO.write("orders").withNumShards(-1));
    assertTrue(shards.getMessage().contains("-1"));
    assertFalse(Files.exists(root.resolve("runs")));
  }

  @Test
  void withDecimalRejectsAPrecisionOrScaleOutOfRangeQuotingIt() {
    assertEquals(
        "withDecimal(\"amount\", 39, 2): precision must be between 1 and 38 (Decimal128), but"
            + " was 39",
        assertThrows(
                IllegalArgumentException.class,
                () -> CheckpointIO.write("orders").withDecimal("amount", 39, 2))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> CheckpointIO.write("orders").withDecimal("a", 0, 0));
    assertEquals(
        "withDecimal(\"amount\", 5, 6): scale must be between 0 and the precision 5, but was 6",
        assertThrows(
                IllegalArgumentException.class,
                () -> CheckpointIO.write("orders").withDecimal("amount", 5, 6))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> CheckpointIO.write("orders").withDecimal("amount", 5, -1));
    assertThrows(
        IllegalArgumentException.class, () -> CheckpointIO.write("orders").withDecimal("", 5, 1));
  }

  @Test
  void withDecimalOfAMissingOrNonDecimalFieldIsRejectedWhenApplied() {
    Pipeline pipeline = TestPipelines.create();
    CheckpointIO.Write write =
        CheckpointIO.write("orders").to(CheckpointContext.of(root.toString(), "run-1"));
    IllegalArgumentException missing =
        assertThrows(
            IllegalArgumentException.class,
            () -> orders(pipeline).apply("Missing", write.withDecimal("total", 18, 2)));
    assertEquals(
        "CheckpointIO.write(\"orders\").withDecimal(\"total\", 18, 2): the rows have no field"
            + " 'total'; their top-level fields are [id, customer, amount, note]. Name a"
            + " top-level DECIMAL field.",
        missing.getMessage());
    IllegalArgumentException notDecimal =
        assertThrows(
            IllegalArgumentException.class,
            () -> orders(pipeline).apply("NotDecimal", write.withDecimal("amount", 18, 2)));
    assertEquals(
        "CheckpointIO.write(\"orders\").withDecimal(\"amount\", 18, 2): field 'amount' is"
            + " DOUBLE, but withDecimal fixes the precision of a DECIMAL (BigDecimal) field."
            + " Convert the field to DECIMAL before the write, or remove"
            + " withDecimal(\"amount\", ...).",
        notDecimal.getMessage());
    assertFalse(Files.exists(root.resolve("runs")));
  }
}
