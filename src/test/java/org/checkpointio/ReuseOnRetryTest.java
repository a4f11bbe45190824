package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A retried attempt reuses the CORRELATION checkpoint its failed predecessor committed. */
class ReuseOnRetryTest {
  private static final List<Row> ROWS = TestRows.orders(0, 200);
  @TempDir Path root;

  /** The expensive step whose work a retry must not repeat; counts the rows it produces. */
  static final class Producer extends PTransform<PBegin, PCollection<Row>> {
    @Override
    public PCollection<Row> expand(PBegin begin) {
      return begin
          .apply(Create.of(ROWS).withRowSchema(TestRows.ORDER))
          .apply(ParDo.of(new CountRows()))
          .setRowSchema(TestRows.ORDER);
    }
  }

  static final class CountRows extends DoFn<Row, Row> {
    private final Counter produced = Metrics.counter("test", "producedRows");

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) {
      produced.inc();
      out.output(row);
    }
  }

  static final class FailAfterwards extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row) {
      throw new IllegalStateException("a later step of attempt 1 fails");
    }
  }

  /** The producer's counter; 0 when it never ran. */
  private static long produced(PipelineResult result) {
    long total = 0;
    for (var counter :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("test", "producedRows"))
                    .build())
            .getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  @Test
  void theRetryReadsTheCheckpointAndNeverRunsTheProducer() throws Exception {
    CheckpointContext attempt1 =
        CheckpointContext.of(root.toString(), "R1").withCorrelationId("C");
    Pipeline first = TestPipelines.create();
    first
        .apply(CheckpointIO.reuseOrCompute("enriched", new Producer()).in(attempt1))
        .apply(ParDo.of(new FailAfterwards()))
        .setRowSchema(TestRows.ORDER);
    Throwable failure = assertThrows(Throwable.class, () -> TestPipelines.run(first));
    assertEquals(
        "a later step of attempt 1 fails",
        TestPipelines.causeOf(failure, IllegalStateException.class).getMessage());
    assertTrue(Files.exists(root.resolve("correlations/C/enriched/_manifest-0000000001.json")));

    CheckpointContext attempt2 =
        CheckpointContext.of(root.toString(), "R2").withCorrelationId("C");
    Pipeline second = TestPipelines.create();
    PCollection<Row> rows =
        second.apply(CheckpointIO.reuseOrCompute("enriched", new Producer()).in(attempt2));
    PAssert.that(rows).containsInAnyOrder(ROWS);
    PipelineResult result = TestPipelines.run(second);
    assertEquals(0, produced(result), "the producer must not run on a retry");
    assertEquals(200, TestPipelines.counter(result, CheckpointMetrics.rowsRead("enriched")));
  }

  @Test
  void theFirstAttemptRunsTheProducerOnceAndPassesItsRowsOn() {
    CheckpointContext context = CheckpointContext.of(root.toString(), "R1").withCorrelationId("C");
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline.apply(CheckpointIO.reuseOrCompute("enriched", new Producer()).in(context));
    PAssert.that(rows).containsInAnyOrder(ROWS);
    PipelineResult result = TestPipelines.run(pipeline);
    assertEquals(200, produced(result));
    assertEquals(200, TestPipelines.counter(result, CheckpointMetrics.rowsWritten("enriched")));
  }

  @Test
  void aRunScopedCheckpointOfTheSameNameIsNotReused() {
    CheckpointContext context = CheckpointContext.of(root.toString(), "R1").withCorrelationId("C");
    Pipeline runScoped = TestPipelines.create();
    runScoped
        .apply(Create.of(TestRows.orders(900, 901)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("enriched").to(context));
    TestPipelines.run(runScoped);

    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows =
        pipeline.apply(CheckpointIO.reuseOrCompute("enriched", new Producer()).in(context));
    PAssert.that(rows).containsInAnyOrder(ROWS);
    assertEquals(200, produced(TestPipelines.run(pipeline)));
  }

  @Test
  void withoutACorrelationIdItIsRejectedAtConstruction() {
    Pipeline pipeline = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                pipeline.apply(
                    CheckpointIO.reuseOrCompute("enriched", new Producer())
                        .in(CheckpointContext.of(root.toString(), "R1"))));
    assertTrue(e.getMessage().contains("--checkpointCorrelationId="), e.getMessage());
  }
}
