package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written is what is read: across pipelines, in the same pipeline, and when empty. */
class RoundTripTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1").withCorrelationId("corr-1");
  }

  @Test
  void everyPrimitiveAndNestedTypeReadsBackEqualInALaterPipeline() {
    List<Row> rows = TestRows.allTypes(0, 40);
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows).withRowSchema(TestRows.ALL_TYPES))
        .apply(CheckpointIO.write("all_types").to(context()).withNumShards(3));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    PCollection<Row> back = read.apply(CheckpointIO.read("all_types").from(context()));
    PAssert.that(back).containsInAnyOrder(rows);
    assertEquals(TestRows.ALL_TYPES, back.getSchema());
    PipelineResult result = TestPipelines.run(read);
    assertEquals(40, TestPipelines.counter(result, CheckpointMetrics.rowsRead("all_types")));
  }

  @Test
  void readOfAWriteResultSeesExactlyWhatThatWriteCommitted() {
    List<Row> rows = TestRows.orders(0, 500);
    Pipeline pipeline = TestPipelines.create();
    CheckpointWriteResult written =
        pipeline
            .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
            .apply(CheckpointIO.write("orders").to(context()));
    PCollection<Row> back = pipeline.apply(CheckpointIO.read(written));
    PAssert.that(back).containsInAnyOrder(rows);
    PipelineResult result = TestPipelines.run(pipeline);
    assertEquals(500, TestPipelines.counter(result, CheckpointMetrics.rowsWritten("orders")));
    assertEquals(500, TestPipelines.counter(result, CheckpointMetrics.rowsRead("orders")));
  }

  @Test
  void correlationScopedCheckpointIsWrittenUnderTheCorrelationTree() throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write("orders").to(context()).withScope(CheckpointScope.CORRELATION));
    TestPipelines.run(pipeline);

    List<String> files = TestPipelines.filesUnder(root.resolve("correlations/corr-1/orders"));
    assertTrue(files.contains("_manifest-0000000001.json"), files.toString());
    assertTrue(
        files.stream().anyMatch(f -> f.matches("part-[0-9a-f-]{36}-\\d{5}-of-\\d{5}\\.parquet")),
        files.toString());
    assertEquals(List.of(), TestPipelines.filesUnder(root.resolve("runs")));

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(0, 10));
    TestPipelines.run(read);
  }

  @Test
  void emptyInputCommitsAnEmptyCheckpointThatReadsAsZeroRows() {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.empty(TestRows.ORDER))
        .apply(CheckpointIO.write("nothing").to(context()));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("nothing").from(context()))).empty();
    TestPipelines.run(read);
  }
}
