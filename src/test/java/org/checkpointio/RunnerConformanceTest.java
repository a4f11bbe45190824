package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.TestPipelines.Runner;
import org.checkpointio.cleanup.DeletedTree;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantees every runner must keep, as one workflow of three jobs on one root: a producer
 * writes checkpoints and reads one back in the same pipeline, a consumer reads them by name and
 * re-writes one, and a final job reads the re-write and cleans its run up. Each subclass runs it
 * on one runner, so the suite is written once. A job costs seconds on Flink and Spark, so each
 * checks several guarantees; each later job needs the earlier ones and is skipped if they failed.
 *
 * <p>Every format in {@link CheckpointFormat} is written and read. Fan-in (append) writes join
 * the consumer job when they exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RunnerConformanceTest {
  private static final String BEAM_VERSION =
      System.getProperty(
          "checkpointio.test.beamVersion", ReleaseInfo.getReleaseInfo().getSdkVersion());
  private static final List<Row> ALL_TYPES = TestRows.allTypes(0, 40);
  private static final List<Row> FIRST_ORDERS = TestRows.orders(0, 100);
  private static final List<Row> SECOND_ORDERS = TestRows.orders(1000, 1050);

  /** One root for the whole workflow (an instance field's would be new for every job). */
  @TempDir static Path root;

  private final Runner runner;
  private int jobsPassed;

  /** Manifests committed by the producer job, by checkpoint name. */
  private final Map<String, Manifest> produced = new HashMap<>();

  /** Every file outside the run tree that cleanup deletes, as the consumer job left them. */
  private List<String> neighbours;

  RunnerConformanceTest(Runner runner) {
    this.runner = runner;
  }

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1").withCorrelationId("corr-1");
  }

  /** Another run of the workflow, whose files cleanup of run-1 must not touch. */
  private CheckpointContext otherRun() {
    return CheckpointContext.of(root.toString(), "run-2").withCorrelationId("corr-1");
  }

  private static String allTypesName(CheckpointFormat format) {
    return "all_types_" + format.name().toLowerCase();
  }

  @Test
  @Order(1)
  void producerCommitsEveryTypeAndAReadInTheSamePipelineSeesExactlyThatCommit() throws Exception {
    Pipeline pipeline = TestPipelines.create(runner);
    PCollection<Row> allTypes =
        pipeline.apply("AllTypes", Create.of(ALL_TYPES).withRowSchema(TestRows.ALL_TYPES));
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = allTypesName(format);
      CheckpointWriteResult written =
          allTypes.apply(
              "Write " + name,
              CheckpointIO.write(name).to(context()).withFormat(format).withNumShards(3));
      PAssert.that(
              "a read in the same pipeline sees exactly what " + name + " committed",
              pipeline.apply("Read " + name, CheckpointIO.read(written)))
          .containsInAnyOrder(ALL_TYPES);
    }
    PCollection<Row> orders =
        pipeline.apply("Orders", Create.of(FIRST_ORDERS).withRowSchema(TestRows.ORDER));
    orders.apply("WriteOrders", CheckpointIO.write("orders").to(context()).withNumShards(2));
    orders.apply(
        "WriteCorrelationOrders",
        CheckpointIO.write("orders").to(context()).withScope(CheckpointScope.CORRELATION));
    orders.apply("WriteOtherRunOrders", CheckpointIO.write("orders").to(otherRun()));
    PipelineResult result = TestPipelines.run(pipeline);

    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = allTypesName(format);
      Manifest manifest = assertHoldsExactlyItsCommit(context().paths(CheckpointScope.RUN, name));
      assertEquals(format, manifest.fileFormat());
      assertEquals(3, manifest.shards().size(), name + " was written with 3 shards");
      assertEquals(ALL_TYPES.size(), manifest.totalRows(), name + " manifest rows");
      assertEquals(BEAM_VERSION, manifest.beamVersion(), "the Beam version the job ran on");
      assertEquals(
          ALL_TYPES.size(), TestPipelines.counter(result, CheckpointMetrics.rowsWritten(name)));
      assertEquals(
          ALL_TYPES.size(), TestPipelines.counter(result, CheckpointMetrics.rowsRead(name)));
      produced.put(name, manifest);
    }
    produced.put("orders", assertHoldsExactlyItsCommit(context().paths(CheckpointScope.RUN, "orders")));
    assertHoldsExactlyItsCommit(context().paths(CheckpointScope.CORRELATION, "orders"));
    assertHoldsExactlyItsCommit(otherRun().paths(CheckpointScope.RUN, "orders"));
    jobsPassed = 1;
  }

  @Test
  @Order(2)
  void consumerReadsEveryTypeBackByNameAndAReWriteReplacesTheCheckpointWhole() throws Exception {
    assumeTrue(jobsPassed == 1, "the producer job failed");
    Pipeline pipeline = TestPipelines.create(runner);
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = allTypesName(format);
      PCollection<Row> back =
          pipeline.apply("Read " + name, CheckpointIO.read(name).from(context()));
      assertEquals(TestRows.ALL_TYPES, back.getSchema(), "a read has the stored schema");
      PAssert.that("a later job reads every type of " + name + " back equal", back)
          .containsInAnyOrder(ALL_TYPES);
    }
    // The runner decides how many shards the re-write has.
    CheckpointWriteResult rewritten =
        pipeline
            .apply("NewOrders", Create.of(SECOND_ORDERS).withRowSchema(TestRows.ORDER))
            .apply("ReWriteOrders", CheckpointIO.write("orders").to(context()));
    PAssert.that(
            "a read of the re-write sees its rows only",
            pipeline.apply("ReadNewOrders", CheckpointIO.read(rewritten)))
        .containsInAnyOrder(SECOND_ORDERS);
    TestPipelines.run(pipeline);

    Manifest second = assertHoldsExactlyItsCommit(context().paths(CheckpointScope.RUN, "orders"));
    assertNotEquals(produced.get("orders").writeId(), second.writeId());
    assertEquals(SECOND_ORDERS.size(), second.totalRows());
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = allTypesName(format);
      assertEquals(
          produced.get(name),
          ManifestFiles.read(context().paths(CheckpointScope.RUN, name).manifest()).get(),
          "reading " + name + " left its commit as it was");
    }
    neighbours = filesOutside(root.resolve("runs/run-1"));
    jobsPassed = 2;
  }

  @Test
  @Order(3)
  void finalJobReadsTheReWriteThenCleanupDeletesExactlyTheRunTree() throws Exception {
    assumeTrue(jobsPassed == 2, "an earlier job failed");
    Path runTree = root.resolve("runs/run-1");
    List<String> runFiles = TestPipelines.filesUnder(runTree);
    long runBytes = sizeOf(runTree);

    Pipeline pipeline = TestPipelines.create(runner);
    PCollection<Row> orders = pipeline.apply(CheckpointIO.read("orders").from(context()));
    PAssert.that("a later job sees the re-written rows only", orders)
        .containsInAnyOrder(SECOND_ORDERS);
    PCollection<DeletedTree> deleted =
        pipeline.apply("Cleanup", CheckpointIO.cleanup(context()).after(orders));
    PAssert.that("cleanup reports the run tree's files and bytes", deleted)
        .containsInAnyOrder(DeletedTree.of(runTree + "/", runFiles.size(), runBytes, 0));
    PipelineResult result = TestPipelines.run(pipeline);

    assertFalse(Files.exists(runTree), "the run tree is gone, directories included");
    assertEquals(neighbours, filesOutside(runTree), "cleanup deleted nothing outside its tree");
    assertEquals(runFiles.size(), TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
    assertEquals(runBytes, TestPipelines.counter(result, CheckpointMetrics.BYTES_DELETED));
  }

  /**
   * Checks that a checkpoint's directory holds its manifest and exactly the shards it lists: a
   * complete set named for the write, each of the recorded size, and nothing else (no temporary
   * directory, no shard of another write).
   */
  private static Manifest assertHoldsExactlyItsCommit(CheckpointPaths paths) throws IOException {
    Manifest manifest = ManifestFiles.read(paths.manifest()).orElseThrow();
    Path dir = Path.of(paths.directory().toString());
    String suffix = ShardFormats.of(manifest.fileFormat()).fileSuffix();
    int count = manifest.shards().size();
    List<String> expected = new ArrayList<>(List.of(CheckpointPaths.MANIFEST_FILE_NAME));
    for (int shard = 0; shard < count; shard++) {
      expected.add(CheckpointPaths.shardFileName(manifest.writeId(), shard, count, suffix));
    }
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(
          expected.stream().sorted().toList(),
          entries.map(p -> p.getFileName().toString()).sorted().toList(),
          dir + " holds its manifest and the shards it lists, nothing else");
    }
    for (ShardFile shard : manifest.shards()) {
      assertEquals(shard.sizeBytes(), Files.size(dir.resolve(shard.fileName())), shard.fileName());
    }
    return manifest;
  }

  /** Every file under the root but outside {@code tree}, relative to the root. */
  private static List<String> filesOutside(Path tree) throws IOException {
    String prefix = root.relativize(tree) + "/";
    return TestPipelines.filesUnder(root).stream().filter(f -> !f.startsWith(prefix)).toList();
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
