package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cleanup deletes exactly its tree, is idempotent, and reports what it did. */
class CleanupTest {
  @TempDir Path root;
  private Path undeletable;

  private CheckpointContext context(String runId, String correlationId) {
    return CheckpointContext.of(root.toString(), runId).withCorrelationId(correlationId);
  }

  private void write(CheckpointContext context, String name, CheckpointScope scope) {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 20)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write(name).to(context).withScope(scope).withNumShards(2));
    TestPipelines.run(pipeline);
  }

  @BeforeEach
  void writeNeighbours() throws IOException {
    write(context("run-1", "corr-1"), "orders", CheckpointScope.RUN);
    write(context("run-1", "corr-1"), "customers", CheckpointScope.RUN);
    write(context("run-1", "corr-1"), "orders", CheckpointScope.CORRELATION);
    write(context("run-2", "corr-2"), "orders", CheckpointScope.RUN);
    write(context("run-2", "corr-2"), "orders", CheckpointScope.CORRELATION);
    Files.writeString(root.resolve("beside-the-scopes.txt"), "keep me");
    Files.writeString(root.resolve("runs/run-10"), "a sibling whose name starts the same");
  }

  @AfterEach
  void allowDeletion() throws Exception {
    if (undeletable != null) {
      new ProcessBuilder("chattr", "-i", undeletable.toString()).start().waitFor();
      undeletable.toFile().setWritable(true);
      undeletable.getParent().toFile().setWritable(true);
    }
  }

  @Test
  void deletesExactlyTheRunTreeAndReportsFilesAndBytes() throws Exception {
    Path tree = root.resolve("runs/run-1");
    List<String> before = TestPipelines.filesUnder(tree);
    long bytes = TestPipelines.bytesUnder(tree);
    List<String> survivors =
        List.of(
            "beside-the-scopes.txt",
            "runs/run-10",
            "runs/run-2/orders/_manifest-0000000001.json",
            "correlations/corr-1/orders/_manifest-0000000001.json",
            "correlations/corr-2/orders/_manifest-0000000001.json");

    Pipeline pipeline = TestPipelines.create();
    PCollection<DeletedTree> deleted =
        pipeline.apply(CheckpointIO.cleanup(context("run-1", "corr-1")));
    PAssert.that(deleted)
        .containsInAnyOrder(DeletedTree.of(tree + "/", before.size(), bytes, 0));
    PipelineResult result = TestPipelines.run(pipeline);

    assertFalse(Files.exists(tree), "the run tree is gone, directories included");
    for (String survivor : survivors) {
      assertTrue(Files.exists(root.resolve(survivor)), survivor);
    }
    assertEquals(6, before.size(), before.toString()); // 2 checkpoints x (2 shards + manifest)
    assertEquals(before.size(), TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
    assertEquals(bytes, TestPipelines.counter(result, CheckpointMetrics.BYTES_DELETED));
    assertEquals(0, TestPipelines.counter(result, CheckpointMetrics.DELETE_FAILURES));

    Pipeline again = TestPipelines.create();
    PAssert.that(again.apply(CheckpointIO.cleanup(context("run-1", "corr-1"))))
        .containsInAnyOrder(DeletedTree.of(tree + "/", 0, 0, 0));
    PipelineResult second = TestPipelines.run(again);
    assertEquals(0, TestPipelines.counter(second, CheckpointMetrics.FILES_DELETED));
  }

  @Test
  void correlationScopeDeletesTheCorrelationTreeOnly() throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline.apply(
        CheckpointIO.cleanup(context("run-1", "corr-1"))
            .withScopes(CheckpointScope.RUN, CheckpointScope.CORRELATION));
    TestPipelines.run(pipeline);
    assertFalse(Files.exists(root.resolve("runs/run-1")));
    assertFalse(Files.exists(root.resolve("correlations/corr-1")));
    assertTrue(Files.exists(root.resolve("runs/run-2/orders/_manifest-0000000001.json")));
    assertTrue(Files.exists(root.resolve("correlations/corr-2/orders/_manifest-0000000001.json")));
  }

  @Test
  void runsAsTheFinalStageAfterTheWritesAndReadsItIsGiven() throws Exception {
    CheckpointContext context = context("run-3", "corr-3");
    Pipeline pipeline = TestPipelines.create();
    CheckpointWriteResult written =
        pipeline
            .apply(Create.of(TestRows.orders(0, 300)).withRowSchema(TestRows.ORDER))
            .apply(CheckpointIO.write("staged").to(context));
    PCollection<Row> read = pipeline.apply(CheckpointIO.read(written));
    PAssert.that(read).containsInAnyOrder(TestRows.orders(0, 300));
    PCollection<DeletedTree> deleted =
        pipeline.apply(CheckpointIO.cleanup(context).after(written, read));
    PAssert.thatSingleton(deleted)
        .satisfies(
            tree -> {
              assertTrue(tree.getFilesDeleted() >= 2, tree.toString()); // shards + manifest
              assertEquals(0, tree.getFailures());
              return null;
            });
    TestPipelines.run(pipeline);
    assertFalse(Files.exists(root.resolve("runs/run-3")));
  }

  /** Makes a file that even root cannot delete, or skips where the machine cannot. */
  private void makeUndeletable(Path file) throws Exception {
    undeletable = file;
    boolean locked;
    if ("root".equals(System.getProperty("user.name"))) {
      locked = new ProcessBuilder("chattr", "+i", file.toString()).start().waitFor() == 0;
    } else {
      locked = file.getParent().toFile().setWritable(false);
    }
    assumeTrue(locked, "cannot make a file undeletable on this machine");
  }

  @Test
  void aFailedDeleteIsCountedAndLoggedWithoutFailingThePipeline() throws Exception {
    Path tree = root.resolve("runs/run-1");
    int files = TestPipelines.filesUnder(tree).size();
    makeUndeletable(tree.resolve("orders/_manifest-0000000001.json"));

    Pipeline pipeline = TestPipelines.create();
    pipeline.apply(CheckpointIO.cleanup(context("run-1", "corr-1")));
    PipelineResult result = TestPipelines.run(pipeline);

    assertEquals(1, TestPipelines.counter(result, CheckpointMetrics.DELETE_FAILURES));
    assertEquals(files - 1, TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));
    assertEquals(List.of("orders/_manifest-0000000001.json"), TestPipelines.filesUnder(tree));
  }

  @Test
  void aFailedDeleteFailsThePipelineWhenTheTransformSaysSo() throws Exception {
    makeUndeletable(root.resolve("runs/run-1/orders/_manifest-0000000001.json"));
    Pipeline pipeline = TestPipelines.create();
    pipeline.apply(CheckpointIO.cleanup(context("run-1", "corr-1")).withFailOnError(true));
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(pipeline));
    IOException cause = TestPipelines.causeOf(thrown, IOException.class);
    assertTrue(cause.getMessage().contains("left 1 of 6 files undeleted"), cause.getMessage());
  }
}
