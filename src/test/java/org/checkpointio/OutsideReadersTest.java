package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.FixedDecimal;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers outside Beam get exactly the committed rows: checkpoints written here, on the
 * DirectRunner, are read by pyarrow, Polars and DuckDB (the pytest suite in {@code
 * src/test/python}), both as whole directories and through the read rule of
 * docs/manifest-format.md.
 *
 * <p>Each case is written in PARQUET and in ARROW: an exclusive write; an exclusive write then an
 * append; two appends and nothing else; an exclusive write beside the leftovers of a write that
 * never committed (a finalized shard of other rows and a temporary directory); an exclusive
 * re-write. The rows say which write made them, so a reader that returns a leftover or a
 * superseded row is caught by content. {@code cases.json} tells the Python side where each case
 * is and which rows are committed.
 *
 * <p>Fixed-precision decimals ({@code withDecimal}) are written in both formats too, and the
 * Python side ({@code test_decimals.py}) checks that each reader sees decimal columns of their
 * precision and scale, with exact values.
 *
 * <p>Skipped if {@code python3} is not installed; a Python environment that cannot be made (pip
 * failing included) fails it.
 */
class OutsideReadersTest {
  static final Schema READING =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("writer")
          .addNullableField("amount", FieldType.DOUBLE)
          .addBooleanField("flag")
          .addNullableField("note", FieldType.STRING)
          .build();

  private static final String RUN = "outside";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static PythonEnvironment python;
  private static Path cases;

  /**
   * One checkpoint to read from Python: the rows it holds, and the rows of other shard files in
   * its directory (a failed write's, or a superseded write's kept for readers in flight).
   */
  private record Case(
      String label, CheckpointFormat format, List<Row> committed, List<Row> alsoInDirectory) {
    String checkpoint() {
      return label + "-" + format.name().toLowerCase(Locale.ROOT);
    }
  }

  private static final List<Case> CASES = new ArrayList<>();

  static Row reading(String writer, long id) {
    return Row.withSchema(READING)
        .addValues(
            id,
            writer,
            id % 3 == 0 ? null : id * 0.25,
            id % 2 == 0,
            id % 2 == 0 ? null : writer + " note " + id)
        .build();
  }

  static List<Row> readings(String writer, long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(reading(writer, id));
    }
    return rows;
  }

  private static CheckpointContext context() {
    return CheckpointContext.of(root.toString(), RUN);
  }

  private static void write(
      Pipeline pipeline, String checkpoint, CheckpointFormat format, List<Row> rows,
      boolean append) {
    CheckpointIO.Write write =
        CheckpointIO.write(checkpoint).to(context()).withFormat(format).withNumShards(2);
    pipeline
        .apply("Create " + checkpoint + " " + rows.get(0).getString("writer"),
            Create.of(rows).withRowSchema(READING))
        .apply("Write " + checkpoint + " " + rows.get(0).getString("writer"),
            append ? write.withAppend() : write);
  }

  @BeforeAll
  static void writeCheckpointsAndMakeThePythonEnvironment() throws Exception {
    // First the environment: without python3 there is nothing to write for.
    python = PythonEnvironment.get();

    List<Row> first = readings("first", 0, 13);
    List<Row> base = readings("base", 0, 13);
    List<Row> added = readings("added", 100, 106);
    List<Row> left = readings("left", 0, 7);
    List<Row> right = readings("right", 10, 17);
    List<Row> committed = readings("committed", 0, 13);
    List<Row> uncommitted = readings("uncommitted", 500, 506);
    List<Row> old = readings("old", 0, 13);
    List<Row> rewritten = readings("new", 20, 33);

    // An exclusive write commits over the version it saw at construction, so the second writes
    // are applied only once the first have committed.
    Pipeline firstWrites = TestPipelines.create();
    List<Consumer<Pipeline>> secondWrites = new ArrayList<>();
    for (CheckpointFormat format : CheckpointFormat.values()) {
      Case exclusive = new Case("exclusive", format, first, List.of());
      write(firstWrites, exclusive.checkpoint(), format, first, false);

      Case thenAppend = new Case("exclusive-then-append", format, concat(base, added), List.of());
      write(firstWrites, thenAppend.checkpoint(), format, base, false);
      secondWrites.add(p -> write(p, thenAppend.checkpoint(), format, added, true));

      Case appendOnly = new Case("append-only", format, concat(left, right), List.of());
      write(firstWrites, appendOnly.checkpoint(), format, left, true);
      write(firstWrites, appendOnly.checkpoint(), format, right, true);

      Case failedWrite = new Case("failed-write", format, committed, uncommitted);
      write(firstWrites, failedWrite.checkpoint(), format, committed, false);
      // The rows of the write that never commits, written as a checkpoint elsewhere for now.
      write(firstWrites, "scratch-" + failedWrite.checkpoint(), format, uncommitted, false);

      // The superseded shards stay for the retention period (an hour by default).
      Case rewrite = new Case("rewrite", format, rewritten, old);
      write(firstWrites, rewrite.checkpoint(), format, old, false);
      secondWrites.add(p -> write(p, rewrite.checkpoint(), format, rewritten, false));

      CASES.addAll(List.of(exclusive, thenAppend, appendOnly, failedWrite, rewrite));
    }
    TestPipelines.run(firstWrites);
    Pipeline second = TestPipelines.create();
    secondWrites.forEach(write -> write.accept(second));
    TestPipelines.run(second);
    for (Case c : CASES) {
      if (c.label().equals("failed-write")) {
        leaveTheShardsOfAFailedWrite(c);
      }
    }
    cases = root.resolve("cases.json");
    Files.writeString(cases, describe(CASES));
  }

  /**
   * Makes the scratch checkpoint's shards look like a write of {@code c}'s name that died after
   * finalizing its shards, and another that died while writing its temporary files.
   */
  private static void leaveTheShardsOfAFailedWrite(Case c) throws IOException {
    CheckpointPaths scratch = context().paths(CheckpointScope.RUN, "scratch-" + c.checkpoint());
    Path target = directory(c);
    String suffix = ShardFormats.of(c.format()).fileSuffix();
    List<Path> shards = shardsOf(scratch);
    String finalized = UUID.randomUUID().toString();
    for (int i = 0; i < shards.size(); i++) {
      Files.copy(
          shards.get(i),
          target.resolve(CheckpointPaths.shardFileName(finalized, i, shards.size(), suffix)));
    }
    Path temporary = target.resolve(".tmp-" + UUID.randomUUID());
    Files.createDirectories(temporary);
    Files.createFile(temporary.resolve("_writing"));
    Files.copy(shards.get(0), temporary.resolve("bundle-0" + suffix));
  }

  private static List<Path> shardsOf(CheckpointPaths paths) throws IOException {
    List<Path> shards = new ArrayList<>();
    for (Manifest manifest : CommittedManifests.read(paths)) {
      manifest.shards().forEach(s -> shards.add(Path.of(paths.file(s.fileName()).toString())));
    }
    return shards;
  }

  private static Path directory(Case c) {
    return Path.of(context().paths(CheckpointScope.RUN, c.checkpoint()).directory().toString());
  }

  private static String describe(List<Case> all) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    ArrayNode fields = json.putArray("fields");
    for (Schema.Field field : READING.getFields()) {
      fields.addObject().put("name", field.getName()).put("nullable", field.getType().getNullable());
    }
    ArrayNode list = json.putArray("cases");
    for (Case c : all) {
      ObjectNode node = list.addObject();
      node.put("case", c.label());
      node.put("format", c.format().name());
      node.put("directory", directory(c).toString());
      rows(node.putArray("committed"), c.committed());
      rows(node.putArray("alsoInDirectory"), c.alsoInDirectory());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
  }

  private static void rows(ArrayNode into, List<Row> rows) {
    for (Row row : rows) {
      into.addPOJO(row.getValues());
    }
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void assertPytestPasses(String... tests) throws Exception {
    PythonEnvironment.Result result =
        python.pytest(
            List.of(tests),
            Map.of("CHECKPOINTIO_OUTSIDE_CASES", cases.toString()),
            root.resolve("pytest.log"));
    System.out.println(result.output());
    assertEquals(0, result.exitCode(), result.describe());
  }

  @Test
  void fixedPrecisionDecimalsAreDecimalColumnsToPyarrowPolarsAndDuckDb() throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "decimals");
    Pipeline pipeline = TestPipelines.create();
    ObjectNode json = JSON.createObjectNode();
    ArrayNode fields = json.putArray("fields");
    FixedDecimalTest.FIXED.getFieldNames().forEach(fields::add);
    ObjectNode decimals = json.putObject("decimals");
    for (Schema.Field field : FixedDecimalTest.FIXED.getFields()) {
      FixedDecimal decimal = FixedDecimal.of(field.getType());
      if (decimal != null) {
        decimals.putArray(field.getName()).add(decimal.precision()).add(decimal.scale());
      }
    }
    ArrayNode list = json.putArray("cases");
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = "amounts-" + format.name().toLowerCase(Locale.ROOT);
      pipeline
          .apply(
              "Create " + name,
              Create.of(FixedDecimalTest.ROWS).withRowSchema(FixedDecimalTest.PLAIN))
          .apply(
              "Write " + name,
              FixedDecimalTest.withDecimals(
                  CheckpointIO.write(name).to(context).withFormat(format).withNumShards(2)));
      ObjectNode node = list.addObject();
      node.put("format", format.name());
      node.put(
          "directory", context.paths(CheckpointScope.RUN, name).directory().toString());
      ArrayNode rows = node.putArray("rows");
      for (Row row : FixedDecimalTest.fixed()) {
        ArrayNode values = rows.addArray();
        for (Object value : row.getValues()) {
          if (value instanceof java.math.BigDecimal) {
            values.add(((java.math.BigDecimal) value).toPlainString());
          } else if (value == null) {
            values.addNull();
          } else {
            values.add((Long) value);
          }
        }
      }
    }
    TestPipelines.run(pipeline);
    Path described = root.resolve("decimals.json");
    Files.writeString(described, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));

    PythonEnvironment.Result result =
        python.pytest(
            List.of("test_decimals.py"),
            Map.of("CHECKPOINTIO_DECIMAL_CASES", described.toString()),
            root.resolve("pytest-decimals.log"));
    System.out.println(result.output());
    assertEquals(0, result.exitCode(), result.describe());
    assertTrue(result.output().contains("6 passed"), result.output());
  }

  @Test
  void directoryReadersSkipCommitFilesAndSeeOnlyCommittedRowsWhereNothingElseIsLeft()
      throws Exception {
    assertPytestPasses("test_directory_readers.py");
  }

  @Test
  void theReadRuleGivesPythonReadersExactlyTheCommittedRows() throws Exception {
    assertPytestPasses("test_read_rule.py");
  }
}
