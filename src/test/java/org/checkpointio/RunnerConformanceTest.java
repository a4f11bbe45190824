package org.checkpointio;

import static org.checkpointio.TestPipelines.assertHoldsExactlyItsCommit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.TestPipelines.Runner;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.joda.time.Duration;
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
 * <p>Every format in {@link CheckpointFormat} is written and read. The consumer job also fans
 * three appending writers into one name, one of them with a narrower schema that is aligned to
 * the contract; the final job reads their union.
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
  /** Narrower than {@link TestRows#ORDER}: FLOAT amounts, and no nullable note. */
  private static final Schema NARROW_ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addFloatField("amount")
          .build();

  /** One root for the whole workflow (an instance field's would be new for every job). */
  @TempDir static Path root;

  private final Runner runner;
  private int jobsPassed;

  /** Manifests committed by the producer job, by checkpoint name. */
  private final Map<String, Manifest> produced = new HashMap<>();

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

  private CheckpointPaths runPaths(String name) {
    return context().paths(CheckpointScope.RUN, name);
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
      Manifest manifest = assertHoldsExactlyItsCommit(runPaths(name));
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
    produced.put("orders", assertHoldsExactlyItsCommit(runPaths("orders")));
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
    // The runner decides how many shards the re-write has. No retention: no reader is left to
    // wait for, so the replaced shards go at the commit.
    CheckpointWriteResult rewritten =
        pipeline
            .apply("NewOrders", Create.of(SECOND_ORDERS).withRowSchema(TestRows.ORDER))
            .apply(
                "ReWriteOrders",
                CheckpointIO.write("orders").to(context()).withRetention(Duration.ZERO));
    PAssert.that(
            "a read of the re-write sees its rows only",
            pipeline.apply("ReadNewOrders", CheckpointIO.read(rewritten)))
        .containsInAnyOrder(SECOND_ORDERS);
    pipeline
        .apply("FanInA", Create.of(TestRows.orders(2000, 2030)).withRowSchema(TestRows.ORDER))
        .apply("AppendA", CheckpointIO.write("fanin").to(context()).withAppend());
    pipeline
        .apply("FanInB", Create.of(TestRows.orders(2030, 2060)).withRowSchema(TestRows.ORDER))
        .apply("AppendB", CheckpointIO.write("fanin").to(context()).withAppend());
    pipeline
        .apply(
            "FanInNarrow",
            Create.of(Row.withSchema(NARROW_ORDER).addValues(3000L, "narrow", 0.5f).build())
                .withRowSchema(NARROW_ORDER))
        .apply("AppendNarrow", CheckpointIO.write("fanin").to(context()).withAppend());
    TestPipelines.run(pipeline);

    List<String> fanInManifests =
        TestPipelines.filesUnder(root.resolve("runs/run-1/fanin")).stream()
            .filter(f -> f.startsWith("_append-"))
            .toList();
    assertEquals(3, fanInManifests.size(), "each appending writer commits its own manifest");

    Manifest second = assertHoldsExactlyItsCommit(runPaths("orders"));
    assertNotEquals(produced.get("orders").writeId(), second.writeId());
    assertEquals(SECOND_ORDERS.size(), second.totalRows());
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = allTypesName(format);
      assertEquals(
          produced.get(name),
          CommittedManifests.exclusive(runPaths(name)).get(),
          "reading " + name + " left its commit as it was");
    }
    jobsPassed = 2;
  }

  @Test
  @Order(3)
  void finalJobReadsTheReWriteThenCleanupDeletesExactlyTheRunTree() throws Exception {
    assumeTrue(jobsPassed == 2, "an earlier job failed");
    Path runTree = root.resolve("runs/run-1");
    Files.writeString(root.resolve("runs/run-10"), "a sibling whose name starts the same");
    List<String> runFiles = TestPipelines.filesUnder(runTree);
    long runBytes = TestPipelines.bytesUnder(runTree);
    List<String> outside = filesOutside(runTree);

    Pipeline pipeline = TestPipelines.create(runner);
    PCollection<Row> orders = pipeline.apply(CheckpointIO.read("orders").from(context()));
    PAssert.that("a later job sees the re-written rows only", orders)
        .containsInAnyOrder(SECOND_ORDERS);
    List<Row> union = new java.util.ArrayList<>(TestRows.orders(2000, 2060));
    union.add(Row.withSchema(TestRows.ORDER).addValues(3000L, "narrow", 0.5d, null).build());
    PCollection<Row> fanIn =
        pipeline.apply("ReadFanIn", CheckpointIO.read("fanin").from(context()));
    PAssert.that("a read of a fanned-in name is the union, each row once", fanIn)
        .containsInAnyOrder(union);
    PCollection<DeletedTree> deleted =
        pipeline.apply("Cleanup", CheckpointIO.cleanup(context()).after(orders, fanIn));
    PAssert.that("cleanup reports the run tree's files and bytes", deleted)
        .containsInAnyOrder(DeletedTree.of(runTree + "/", runFiles.size(), runBytes, 0));
    PipelineResult result = TestPipelines.run(pipeline);

    assertFalse(Files.exists(runTree), "the run tree is gone, directories included");
    assertEquals(outside, filesOutside(runTree), "cleanup deleted nothing outside its tree");
    assertEquals(runFiles.size(), TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
    assertEquals(runBytes, TestPipelines.counter(result, CheckpointMetrics.BYTES_DELETED));
  }

  /** Every file under the root but outside {@code tree}, relative to the root. */
  private static List<String> filesOutside(Path tree) throws IOException {
    String prefix = root.relativize(tree) + "/";
    return TestPipelines.filesUnder(root).stream().filter(f -> !f.startsWith(prefix)).toList();
  }
}
