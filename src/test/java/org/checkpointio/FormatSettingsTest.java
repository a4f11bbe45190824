package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format settings are checked when set (parameter, value and valid range in the message) and
 * against the write's format when the write is applied; so are types a format cannot hold.
 */
class FormatSettingsTest {
  @TempDir Path root;

  private CheckpointIO.Write write() {
    return CheckpointIO.write("orders").to(CheckpointContext.of(root.toString(), "run-1"));
  }

  private static PCollection<Row> orders(Pipeline pipeline) {
    return pipeline.apply(Create.of(TestRows.orders(0, 3)).withRowSchema(TestRows.ORDER));
  }

  private static void assertRejected(Executable attempt, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, attempt);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
    }
  }

  @Test
  void outOfRangeSettingsAreRejectedNamingParameterValueAndRange() {
    assertRejected(() -> write().withBatchRows(0), "batchRows", "between 1 and 1048576", "was 0");
    assertRejected(
        () -> write().withBatchRows(1_048_577), "batchRows", "between 1 and 1048576", "1048577");
    assertRejected(
        () -> write().withRowGroupBytes(1000),
        "rowGroupBytes",
        "between 65536 and 1073741824",
        "was 1000");
    assertRejected(() -> write().withCompression(null), "compression", "LZ4_FRAME");
  }

  @Test
  void settingsOfAnotherFormatAreRejectedWhenTheWriteIsApplied() {
    Pipeline pipeline = TestPipelines.create();
    assertRejected(
        () -> orders(pipeline).apply(write().withRowGroupBytes(1 << 20).withFormat(CheckpointFormat.ARROW)),
        "CheckpointIO.write(\"orders\")",
        "withRowGroupBytes(1048576) applies to PARQUET writes, but this write is ARROW");
    // PARQUET is the default format.
    assertRejected(
        () -> orders(pipeline).apply(write().withBatchRows(10)),
        "withBatchRows(10) applies to ARROW writes, but this write is PARQUET");
    assertRejected(
        () -> orders(pipeline).apply(write().withCompression(CheckpointCompression.SNAPPY).withFormat(CheckpointFormat.ARROW)),
        "compression SNAPPY is not available for ARROW",
        "UNCOMPRESSED, LZ4_FRAME, ZSTD");
    assertRejected(
        () -> orders(pipeline).apply(write().withCompression(CheckpointCompression.LZ4_FRAME)),
        "compression LZ4_FRAME is not available for PARQUET",
        "UNCOMPRESSED, SNAPPY, GZIP, ZSTD");
    assertFalse(Files.exists(root.resolve("runs")));
  }

  @Test
  void theFormatFromOptionsDecidesWhichSettingsApply() throws Exception {
    Pipeline pipeline = TestPipelines.create("--checkpointFormat=ARROW");
    assertRejected(
        () -> orders(pipeline).apply(write().withRowGroupBytes(1 << 20)),
        "applies to PARQUET writes, but this write is ARROW");
    Pipeline arrow = TestPipelines.create("--checkpointFormat=ARROW");
    orders(arrow).apply(write().withBatchRows(2));
    TestPipelines.run(arrow);
    assertTrue(
        TestPipelines.filesUnder(root).stream().anyMatch(f -> f.endsWith(".arrow")),
        TestPipelines.filesUnder(root).toString());
  }

  @Test
  void aTypeAFormatCannotHoldIsRejectedAtConstructionNamingFieldAndType() {
    Schema nullableKeys =
        Schema.builder()
            .addInt64Field("id")
            .addRowField(
                "attributes",
                Schema.builder()
                    .addMapField("byCode", FieldType.INT32.withNullable(true), FieldType.STRING)
                    .build())
            .build();
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows = pipeline.apply(Create.empty(nullableKeys));
    assertRejected(
        () -> rows.apply(write().withFormat(CheckpointFormat.ARROW)),
        "Field 'attributes.byCode'",
        "MAP<INT32, STRING NOT NULL>",
        "Arrow map keys cannot be null");
    // Parquet stores such a map as a list of key/value entries.
    rows.apply("Parquet", write().withFormat(CheckpointFormat.PARQUET));

    Schema emptyRow =
        Schema.builder().addRowField("nothing", Schema.builder().build()).build();
    Pipeline another = TestPipelines.create(); // one writer of a name per pipeline
    assertRejected(
        () ->
            another
                .apply("Empty", Create.empty(emptyRow))
                .apply(write().withFormat(CheckpointFormat.PARQUET)),
        "Field 'nothing' is a ROW with no fields, which Parquet cannot store");
  }

  @Test
  void settingsShowInDisplayData() {
    var data =
        org.apache.beam.sdk.transforms.display.DisplayData.from(
            write()
                .withFormat(CheckpointFormat.ARROW)
                .withCompression(CheckpointCompression.ZSTD)
                .withBatchRows(500));
    assertEquals(
        "ZSTD",
        data.items().stream()
            .filter(i -> i.getKey().equals("compression"))
            .findFirst()
            .get()
            .getValue());
    assertEquals(
        500L,
        data.items().stream()
            .filter(i -> i.getKey().equals("batchRows"))
            .findFirst()
            .get()
            .getValue());
  }
}
