package org.checkpointio.templates.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.runners.dataflow.options.DataflowPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.SdkHarnessOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.templates.TemplateMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint-export template's main, run on the DirectRunner as a user would run it. */
class CheckpointExportTest {
  private static final Schema ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addDoubleField("amount")
          .addNullableField("note", FieldType.STRING)
          .build();

  @TempDir static Path root;
  @TempDir Path out;

  static Row order(long id) {
    return Row.withSchema(ORDER)
        .addValues(id, "customer-" + id % 7, id * 1.25, id % 3 == 0 ? null : "gift, \"wrap\" " + id)
        .build();
  }

  private static List<Row> orders(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(order(id));
    }
    return rows;
  }

  /**
   * 'orders' twice: ids 0..39 in run 'export-run', ids 100..109 in correlation 'wf/1'; and
   * 'orders-arrow', ids 200..229 as an ARROW checkpoint in run 'export-run'.
   */
  @BeforeAll
  static void writeCheckpoints() {
    CheckpointContext context =
        CheckpointContext.of(root.toString(), "export-run").withCorrelationId("wf/1");
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    pipeline
        .apply("Run", Create.of(orders(0, 40)).withRowSchema(ORDER))
        .apply("WriteRun", CheckpointIO.write("orders").to(context));
    pipeline
        .apply("Correlation", Create.of(orders(100, 110)).withRowSchema(ORDER))
        .apply(
            "WriteCorrelation",
            CheckpointIO.write("orders").to(context).withScope(CheckpointScope.CORRELATION));
    pipeline
        .apply("Arrow", Create.of(orders(200, 230)).withRowSchema(ORDER))
        .apply(
            "WriteArrow",
            CheckpointIO.write("orders-arrow").to(context).withFormat(CheckpointFormat.ARROW));
    pipeline.run().waitUntilFinish();
  }

  private String[] args(String... parameters) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "--runner=DirectRunner",
                "--checkpointRoot=" + root,
                "--checkpointName=orders",
                "--outputPrefix=" + out.resolve("orders")));
    all.addAll(List.of(parameters));
    return all.toArray(new String[0]);
  }

  /**
   * Every file under the output directory, at any depth: the dataset and nothing else (Beam's
   * emptied {@code .temp-beam} directory may stay on a local file system; it holds no file).
   */
  private List<Path> outputFiles() throws IOException {
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Each row of the Parquet files, as "id|customer|amount|note", sorted. */
  private static List<String> parquetRows(List<Path> files) throws IOException {
    List<String> exported = new ArrayList<>();
    for (Path file : files) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  HadoopInputFile.fromPath(
                      new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
              .build()) {
        for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
          exported.add(
              record.get("id")
                  + "|"
                  + record.get("customer")
                  + "|"
                  + record.get("amount")
                  + "|"
                  + record.get("note"));
        }
      }
    }
    exported.sort(null);
    return exported;
  }

  /** Orders {@code from} to {@code to} as {@link #parquetRows} renders them. */
  private static List<String> expectedRows(long from, long to) {
    List<String> expected = new ArrayList<>();
    for (Row row : orders(from, to)) {
      expected.add(
          row.getInt64("id")
              + "|"
              + row.getString("customer")
              + "|"
              + row.getDouble("amount")
              + "|"
              + row.getString("note"));
    }
    expected.sort(null);
    return expected;
  }

  @Test
  void exportsTheRunCheckpointAsParquetInTheRequestedFiles() throws IOException {
    CheckpointExport.main(
        args(
            "--runId=export-run",
            "--correlationId=wf/1",
            "--outputFormat=PARQUET",
            "--numShards=2"));
    List<Path> files = outputFiles();
    assertEquals(
        List.of("orders-00000-of-00002.parquet", "orders-00001-of-00002.parquet"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    assertEquals(expectedRows(0, 40), parquetRows(files));
  }

  /** An ARROW checkpoint exports as a PARQUET one does: the template reads either format. */
  @Test
  void exportsAnArrowCheckpointRowForRow() throws IOException {
    try (Stream<Path> shards = Files.walk(root.resolve("runs/export-run/orders-arrow"))) {
      assertTrue(shards.anyMatch(f -> f.toString().endsWith(".arrow")), "not an ARROW checkpoint");
    }
    CheckpointExport.main(
        new String[] {
          "--runner=DirectRunner",
          "--checkpointRoot=" + root,
          "--checkpointName=orders-arrow",
          "--runId=export-run",
          "--outputPrefix=" + out.resolve("orders"),
          "--numShards=1"
        });
    List<Path> files = outputFiles();
    assertEquals(
        List.of("orders-00000-of-00001.parquet"),
        files.stream().map(f -> f.getFileName().toString()).toList());
    assertEquals(expectedRows(200, 230), parquetRows(files));
  }

  /**
   * The options the template runs with open java.nio to Arrow on the workers, as Dataflow reads
   * them (the serialized options' jdkAddOpenModules), keeping modules the user gave, once.
   */
  @Test
  void theOptionsOpenJavaNioToArrowOnTheWorkersKeepingTheUsersModules() throws IOException {
    String nio = "java.base/java.nio=ALL-UNNAMED";
    String lang = "java.base/java.lang=ALL-UNNAMED";
    CheckpointExportOptions options = CheckpointExport.options(args());
    assertEquals(List.of(nio), options.as(SdkHarnessOptions.class).getJdkAddOpenModules());
    assertEquals(List.of(nio), options.as(DataflowPipelineOptions.class).getJdkAddOpenModules());
    ObjectMapper json = new ObjectMapper();
    JsonNode serialized = json.readTree(json.writeValueAsString(options));
    assertEquals(
        json.createArrayNode().add(nio),
        serialized.path("options").path("jdkAddOpenModules"),
        serialized.toString());

    assertEquals(
        List.of(lang, nio),
        CheckpointExport.options(args("--jdkAddOpenModules=" + lang))
            .as(SdkHarnessOptions.class)
            .getJdkAddOpenModules());
    assertEquals(
        List.of(lang, nio),
        CheckpointExport.options(args("--jdkAddOpenModules=" + lang + "," + nio))
            .as(SdkHarnessOptions.class)
            .getJdkAddOpenModules());
  }

  /**
   * The templates jar has no file system but gs:// (and local files for the DirectRunner), so an
   * s3:// root or prefix is refused while the job is built, saying what to pass.
   */
  @Test
  void aRootOrPrefixOffCloudStorageIsRefusedBeforeAnythingIsWritten() throws IOException {
    IllegalArgumentException s3Root =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CheckpointExport.main(
                    new String[] {
                      "--runner=DirectRunner",
                      "--checkpointRoot=s3://my-bucket/checkpoints",
                      "--checkpointName=orders",
                      "--runId=export-run",
                      "--outputPrefix=" + out.resolve("orders")
                    }));
    assertEquals(
        "checkpointRoot 's3://my-bucket/checkpoints' is on s3://, but the templates jar holds"
            + " only the gs:// file system (Cloud Storage): pass a Cloud Storage URI"
            + " gs://BUCKET/PATH, e.g. --checkpointRoot=gs://my-bucket/checkpoints",
        s3Root.getMessage());
    IllegalArgumentException s3Prefix =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CheckpointExport.main(
                    new String[] {
                      "--runner=DirectRunner",
                      "--checkpointRoot=" + root,
                      "--checkpointName=orders",
                      "--runId=export-run",
                      "--outputPrefix=s3://my-bucket/exports/orders"
                    }));
    assertTrue(
        s3Prefix
            .getMessage()
            .startsWith("outputPrefix 's3://my-bucket/exports/orders' is on s3://"),
        s3Prefix.getMessage());
    assertTrue(
        s3Prefix.getMessage().endsWith("e.g. --outputPrefix=gs://my-bucket/exports/orders/orders"),
        s3Prefix.getMessage());
    assertEquals(List.of(), outputFiles());
  }

  @Test
  void exportsTheCorrelationCheckpointAsCsvWhenTheRunHasNone() throws IOException {
    CheckpointExport.main(args("--correlationId=wf/1", "--outputFormat=CSV"));
    List<String> lines = new ArrayList<>();
    for (Path file : outputFiles()) {
      assertTrue(
          file.getFileName().toString().matches("orders-\\d{5}-of-\\d{5}\\.csv"), file.toString());
      String text = Files.readString(file, StandardCharsets.UTF_8);
      assertTrue(text.startsWith("id,customer,amount,note\r\n"), text);
      lines.addAll(List.of(text.split("\r\n")).subList(1, text.split("\r\n").length));
    }
    List<String> expected = new ArrayList<>();
    for (long id = 100; id < 110; id++) {
      String note = id % 3 == 0 ? "" : "\"gift, \"\"wrap\"\" " + id + "\"";
      expected.add(id + ",customer-" + id % 7 + "," + id * 1.25 + "," + note);
    }
    lines.sort(null);
    expected.sort(null);
    assertEquals(expected, lines);
  }

  @Test
  void exportsJsonLinesOneObjectPerRow() throws IOException {
    CheckpointExport.main(args("--runId=export-run", "--outputFormat=JSON"));
    ObjectMapper json = new ObjectMapper();
    List<Long> ids = new ArrayList<>();
    for (Path file : outputFiles()) {
      assertTrue(file.getFileName().toString().endsWith(".jsonl"), file.toString());
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        JsonNode row = json.readTree(line);
        long id = row.get("id").asLong();
        Row expected = order(id);
        assertEquals(expected.getString("customer"), row.get("customer").asText(), line);
        assertEquals(expected.getDouble("amount"), row.get("amount").asDouble(), 0.0, line);
        assertEquals(
            expected.getString("note"),
            row.get("note").isNull() ? null : row.get("note").asText(),
            line);
        ids.add(id);
      }
    }
    ids.sort(null);
    List<Long> expectedIds = new ArrayList<>();
    for (long id = 0; id < 40; id++) {
      expectedIds.add(id);
    }
    assertEquals(expectedIds, ids);
  }

  @Test
  void aMissingCheckpointFailsBeforeAnythingIsWritten() throws IOException {
    CheckpointNotFoundException missing =
        assertThrows(
            CheckpointNotFoundException.class,
            () -> CheckpointExport.main(args("--runId=other-run", "--correlationId=wf/2")));
    assertTrue(
        missing.getMessage().contains("runs/other-run/orders/"), missing.getMessage());
    assertTrue(
        missing.getMessage().contains("correlations/wf%2F2/orders/"),
        missing.getMessage());
    assertEquals(List.of(), outputFiles());
  }

  @Test
  void csvRejectsNestedFieldsNamingThem() {
    Schema nested =
        Schema.builder().addInt64Field("id").addArrayField("tags", FieldType.STRING).build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvRowSink.checkFlat(nested));
    assertEquals(
        "CSV cannot hold field 'tags' of type ARRAY<STRING NOT NULL> NOT NULL: export this"
            + " checkpoint as PARQUET or JSON",
        e.getMessage());
  }

  @Test
  void metadataDeclaresExactlyTheOptions() throws IOException {
    TemplateMetadata metadata = TemplateMetadata.of("checkpoint-export");
    metadata.assertDeclaresExactly(CheckpointExportOptions.class);
    metadata.assertAccepts("checkpointRoot", "gs://my-bucket/checkpoints");
    metadata.assertRejects("checkpointRoot", "/tmp/checkpoints");
    metadata.assertRejects("checkpointRoot", "s3://my-bucket/checkpoints");
    for (String id : new String[] {"checkpointName", "runId", "correlationId"}) {
      metadata.assertAccepts(id, "daily/2026-11-23");
      metadata.assertRejects(id, "..");
      metadata.assertRejects(id, "");
      metadata.assertRejects(id, "a\tb");
    }
    metadata.assertAccepts("outputPrefix", "gs://my-bucket/exports/orders/orders");
    metadata.assertRejects("outputPrefix", "gs://my-bucket");
    metadata.assertRejects("outputPrefix", "s3://my-bucket/exports/orders/orders");
    for (ExportFormat format : ExportFormat.values()) {
      metadata.assertAccepts("outputFormat", format.name());
    }
    metadata.assertRejects("outputFormat", "AVRO");
    metadata.assertAccepts("numShards", "0");
    metadata.assertRejects("numShards", "-1");
  }
}
