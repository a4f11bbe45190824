package org.checkpointio.providers;

import static org.checkpointio.providers.ProviderConfigs.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionRowTuple;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each provider applied as an expansion service applies it: made from a configuration row,
 * expanded on a {@link PCollectionRowTuple}, run on the DirectRunner; then the rows it output and
 * the files it left.
 */
class CheckpointSchemaTransformsTest {
  @TempDir Path root;

  private final CheckpointWriteSchemaTransformProvider write =
      new CheckpointWriteSchemaTransformProvider();
  private final CheckpointReadSchemaTransformProvider read =
      new CheckpointReadSchemaTransformProvider();
  private final CheckpointCleanupSchemaTransformProvider cleanup =
      new CheckpointCleanupSchemaTransformProvider();

  private void writeWithJava(
      String runId, String correlationId, CheckpointScope scope, String name) {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 40)).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write(name)
                .to(CheckpointContext.of(root.toString(), runId).withCorrelationId(correlationId))
                .withScope(scope));
    TestPipelines.run(pipeline);
  }

  @Test
  void writeProviderCommitsItsInputAndOutputsTheCommit() throws Exception {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> orders =
        pipeline.apply(Create.of(TestRows.orders(0, 100)).withRowSchema(TestRows.ORDER));
    PCollectionRowTuple written =
        PCollectionRowTuple.of("input", orders)
            .apply(
                transform(
                    write,
                    Map.of(
                        "root", root.toString(),
                        "name", "orders",
                        "run_id", "run-1",
                        "correlation_id", "wf-1",
                        "scope", "correlation",
                        "format", "ARROW",
                        "compression", "ZSTD",
                        "num_shards", 2,
                        "batch_rows", 16)));
    assertEquals(List.of("output"), List.copyOf(written.getAll().keySet()));
    PCollection<Row> commits = written.get("output");
    assertEquals(CheckpointWriteSchemaTransformProvider.COMMIT_SCHEMA, commits.getSchema());
    PAssert.that(commits)
        .satisfies(
            rows -> {
              List<Row> all = new ArrayList<>();
              rows.forEach(all::add);
              assertEquals(1, all.size(), "one commit");
              Row commit = all.get(0);
              assertEquals("orders", commit.getString("name"));
              assertEquals("CORRELATION", commit.getString("scope"));
              assertEquals("wf-1", commit.getString("id"));
              assertEquals("ARROW", commit.getString("format"));
              assertEquals(false, commit.getBoolean("append"));
              assertEquals(2, commit.getInt32("shards"));
              assertEquals(100L, commit.getInt64("rows"));
              return null;
            });
    TestPipelines.run(pipeline);

    CheckpointContext context =
        CheckpointContext.of(root.toString(), "run-1").withCorrelationId("wf-1");
    Manifest manifest =
        TestPipelines.assertHoldsExactlyItsCommit(
            context.paths(CheckpointScope.CORRELATION, "orders"));
    assertEquals(CheckpointFormat.ARROW, manifest.fileFormat());
    assertEquals(2, manifest.shards().size());
    assertEquals(100, manifest.totalRows());
    assertFalse(Files.exists(root.resolve("runs")), "nothing in RUN scope");

    Pipeline readBack = TestPipelines.create();
    PAssert.that(readBack.apply(CheckpointIO.read("orders").from(context)))
        .containsInAnyOrder(TestRows.orders(0, 100));
    TestPipelines.run(readBack);
  }

  @Test
  void readProviderOutputsTheCommittedRowsOrTheirProjection() {
    writeWithJava("run-0", "wf-1", CheckpointScope.CORRELATION, "orders");

    Pipeline pipeline = TestPipelines.create();
    // Another run of the same workflow: its RUN tree has no "orders", its correlation has.
    PCollectionRowTuple all =
        PCollectionRowTuple.empty(pipeline)
            .apply(
                "ReadAll",
                transform(
                    read,
                    Map.of(
                        "root", root.toString(),
                        "name", "orders",
                        "run_id", "run-1",
                        "correlation_id", "wf-1")));
    PCollectionRowTuple projected =
        PCollectionRowTuple.empty(pipeline)
            .apply(
                "ReadProjection",
                transform(
                    read,
                    Map.of(
                        "root", root.toString(),
                        "name", "orders",
                        "run_id", "run-1",
                        "correlation_id", "wf-1",
                        "columns", List.of("id", "note"))));
    assertEquals(TestRows.ORDER, all.get("output").getSchema());
    Schema idAndNote = projected.get("output").getSchema();
    assertEquals(List.of("id", "note"), idAndNote.getFieldNames());
    PAssert.that(all.get("output")).containsInAnyOrder(TestRows.orders(0, 40));
    List<Row> expected = new ArrayList<>();
    for (Row order : TestRows.orders(0, 40)) {
      expected.add(
          Row.withSchema(idAndNote)
              .addValues(order.getInt64("id"), order.getString("note"))
              .build());
    }
    PAssert.that(projected.get("output")).containsInAnyOrder(expected);
    TestPipelines.run(pipeline);
  }

  @Test
  void readProviderFailsAtExpansionWhenNoScopeHasTheCheckpoint() {
    Pipeline pipeline = TestPipelines.create();
    var missing =
        transform(read, Map.of("root", root.toString(), "name", "absent", "run_id", "run-1"));
    CheckpointNotFoundException thrown =
        assertThrows(
            CheckpointNotFoundException.class,
            () -> PCollectionRowTuple.empty(pipeline).apply(missing));
    assertTrue(thrown.getMessage().contains("absent"), thrown.getMessage());
  }

  @Test
  void cleanupProviderWaitsForItsInputThenDeletesExactlyItsTrees() throws Exception {
    writeWithJava("run-1", "wf-1", CheckpointScope.RUN, "early");
    writeWithJava("run-1", "wf-1", CheckpointScope.CORRELATION, "shared");
    writeWithJava("run-2", "wf-2", CheckpointScope.CORRELATION, "kept");
    writeWithJava("run-2", "wf-2", CheckpointScope.RUN, "kept");
    Path runTree = root.resolve("runs/run-1");
    Path correlationTree = root.resolve("correlations/wf-1");
    long correlationFiles = TestPipelines.filesUnder(correlationTree).size();
    long correlationBytes = TestPipelines.bytesUnder(correlationTree);
    List<String> keptBefore = TestPipelines.filesUnder(root.resolve("runs/run-2"));
    String runDirectory = root + "/runs/run-1/";
    String correlationDirectory = root + "/correlations/wf-1/";

    // The signal: a write into the very tree that is deleted. Were the cleanup not to wait for
    // it, the write's commit would find its tree gone and fail the pipeline (LateCommitTest).
    Pipeline pipeline = TestPipelines.create();
    PCollectionRowTuple late =
        PCollectionRowTuple.of(
                "input",
                pipeline.apply(Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER)))
            .apply(
                "WriteLate",
                transform(
                    write,
                    Map.of(
                        "root", root.toString(),
                        "name", "late",
                        "run_id", "run-1",
                        "num_shards", 1)));
    PCollection<Row> deleted =
        PCollectionRowTuple.of("input", late.get("output"))
            .apply(
                "Cleanup",
                transform(
                    cleanup,
                    Map.of(
                        "root", root.toString(),
                        "scopes", List.of("RUN", "CORRELATION"),
                        "run_id", "run-1",
                        "correlation_id", "wf-1")))
            .get("output");
    assertEquals(CheckpointCleanupSchemaTransformProvider.DELETED_SCHEMA, deleted.getSchema());
    PAssert.that(deleted)
        .satisfies(
            rows -> {
              List<String> directories = new ArrayList<>();
              for (Row row : rows) {
                directories.add(row.getString("directory"));
                assertEquals(0L, row.getInt64("failures"));
                if (row.getString("directory").contains("correlations")) {
                  assertEquals(correlationFiles, row.getInt64("files_deleted"));
                  assertEquals(correlationBytes, row.getInt64("bytes_deleted"));
                } else {
                  // "early" (a shard and a manifest at least) and "late" (one shard, a manifest).
                  assertTrue(row.getInt64("files_deleted") >= 4, row.toString());
                }
              }
              directories.sort(null);
              assertEquals(
                  List.of(correlationDirectory, runDirectory), directories);
              return null;
            });
    TestPipelines.run(pipeline);

    assertFalse(Files.exists(runTree), "RUN tree of run-1 deleted");
    assertFalse(Files.exists(correlationTree), "CORRELATION tree of wf-1 deleted");
    assertEquals(keptBefore, TestPipelines.filesUnder(root.resolve("runs/run-2")));
    assertTrue(Files.isDirectory(root.resolve("correlations/wf-2/kept")));
  }

  @Test
  void cleanupProviderWithoutInputDeletesACorrelationTreeByItsIdAlone() throws Exception {
    writeWithJava("run-1", "wf-1", CheckpointScope.CORRELATION, "shared");
    writeWithJava("run-1", "wf-1", CheckpointScope.RUN, "own");
    long files = TestPipelines.filesUnder(root.resolve("correlations/wf-1")).size();
    String correlationDirectory = root + "/correlations/wf-1/";

    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> deleted =
        PCollectionRowTuple.empty(pipeline)
            .apply(
                transform(
                    cleanup,
                    Map.of(
                        "root", root.toString(),
                        "scopes", List.of("CORRELATION"),
                        "correlation_id", "wf-1")))
            .get("output");
    PAssert.that(deleted)
        .satisfies(
            rows -> {
              Row row = rows.iterator().next();
              assertEquals(correlationDirectory, row.getString("directory"));
              assertEquals(files, row.getInt64("files_deleted"));
              return null;
            });
    TestPipelines.run(pipeline);

    assertFalse(Files.exists(root.resolve("correlations/wf-1")));
    assertTrue(Files.isDirectory(root.resolve("runs/run-1/own")), "the RUN tree is kept");
  }

  @Test
  void configurationsTheTransformsCannotTakeFailNamingTheFieldAndValue() {
    String r = root.toString();
    assertRejected(
        () -> transform(write, Map.of("root", r, "name", "o", "run_id", "r", "format", "CSV")),
        "WriteToCheckpoint: format must be one of [PARQUET, ARROW], but was 'CSV'");
    assertRejected(
        () -> transform(write, Map.of("root", r, "name", "..", "run_id", "r")),
        "WriteToCheckpoint: ", "'..'");
    assertRejected(
        () -> transform(write, Map.of("root", " ", "name", "o", "run_id", "r")),
        "WriteToCheckpoint: root must be", "' '");
    assertRejected(
        () ->
            transform(
                write, Map.of("root", r, "name", "o", "run_id", "r", "scope", "CORRELATION")),
        "WriteToCheckpoint: scope CORRELATION needs correlation_id");
    assertRejected(
        () ->
            transform(write, Map.of("root", r, "name", "o", "run_id", "r", "compression", "LZ5")),
        "WriteToCheckpoint: compression must be one of", "'LZ5'");
    assertRejected(
        () -> transform(write, Map.of("root", r, "name", "o", "run_id", "r", "num_shards", -1)),
        "WriteToCheckpoint: numShards must be 0 (runner decides) or positive, but was -1");
    assertRejected(
        () -> transform(read, Map.of("root", r, "name", "o", "run_id", "..")),
        "ReadFromCheckpoint: ", "'..'");
    assertRejected(
        () -> transform(read, Map.of("root", r, "name", "o", "run_id", "r", "columns", List.of())),
        "ReadFromCheckpoint: columns must name at least one field");
    assertRejected(
        () ->
            transform(
                cleanup, Map.of("root", r, "scopes", List.of("CORRELATION"), "run_id", "r")),
        "CheckpointCleanup: scopes [CORRELATION] includes CORRELATION, which needs"
            + " correlation_id");
    assertRejected(
        () -> transform(cleanup, Map.of("root", r, "correlation_id", "c")),
        "CheckpointCleanup: scopes [RUN] includes RUN, which needs run_id");
    assertRejected(
        () -> transform(cleanup, Map.of("root", r, "scopes", List.of("ALL"), "run_id", "r")),
        "CheckpointCleanup: scopes must be one of [RUN, CORRELATION], but was 'ALL'");
  }

  private static void assertRejected(Runnable make, String... fragments) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, make::run);
    for (String fragment : fragments) {
      assertTrue(thrown.getMessage().contains(fragment), thrown.getMessage());
    }
  }
}
