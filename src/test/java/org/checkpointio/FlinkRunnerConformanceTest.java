package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.TestPipelines.Runner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite on the FlinkRunner, local with parallelism 2 (Surefire execution
 * "flink"), and what only a runner of several workers shows: the blocks of one shard are read on
 * more than one of them. The reader splits a shard's restriction into single blocks, and the
 * runner spreads restrictions by key (its expansion of a splittable DoFn groups them).
 */
@Tag("flink")
class FlinkRunnerConformanceTest extends RunnerConformanceTest {
  /** Flink runs its workers in this JVM: the subtasks ("(1/2)#0") whose threads handed rows on. */
  private static final Set<String> READING_THREADS = ConcurrentHashMap.newKeySet();

  @TempDir Path spreadRoot;

  FlinkRunnerConformanceTest() {
    super(Runner.FLINK);
  }

  @Test
  void theBlocksOfOneShardAreReadOnBothWorkers() throws Exception {
    CheckpointContext context = CheckpointContext.of(spreadRoot.toString(), "run-1");
    List<Row> orders = TestRows.orders(0, 3_200);
    Pipeline write = TestPipelines.create(Runner.FLINK);
    write
        .apply(Create.of(orders).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write("orders")
                .to(context)
                .withFormat(CheckpointFormat.ARROW)
                .withNumShards(1)
                .withBatchRows(100));
    TestPipelines.run(write);
    assertEquals(1, ShardReads.shards(context, CheckpointScope.RUN, "orders").size());

    READING_THREADS.clear();
    Pipeline read = TestPipelines.create(Runner.FLINK);
    PCollection<Row> rows =
        read.apply(CheckpointIO.read("orders").from(context))
            .apply("NoteThread", ParDo.of(new NoteThread()))
            .setRowSchema(TestRows.ORDER);
    PAssert.that(rows).containsInAnyOrder(orders);
    TestPipelines.run(read);
    // 32 blocks spread at random over 2 workers all land on one with odds of 2 in 2^32.
    assertTrue(READING_THREADS.size() >= 2, "one shard's rows came only from subtask " + READING_THREADS);
  }

  /** Runs chained to the read, so in the thread of the worker that read the row. */
  private static final class NoteThread extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      String thread = Thread.currentThread().getName();
      READING_THREADS.add(thread.substring(thread.lastIndexOf(" (") + 1));
      out.output(row);
    }
  }
}
