package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The RUN tree goes at the end of every run; the CORRELATION tree survives a failed attempt and
 * goes when an attempt succeeds, whichever attempt that is.
 */
class LifecycleTest {
  @TempDir Path root;

  static final class FailEveryRow extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row) {
      throw new IllegalStateException("attempt fails in a later step");
    }
  }

  /** One attempt: a RUN and a CORRELATION checkpoint, then a final step that may fail. */
  private Pipeline attempt(CheckpointContext context, boolean fails) {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> staged =
        pipeline.apply(
            CheckpointIO.reuseOrCompute(
                    "orders",
                    new org.apache.beam.sdk.transforms.PTransform<
                        org.apache.beam.sdk.values.PBegin, PCollection<Row>>() {
                      @Override
                      public PCollection<Row> expand(org.apache.beam.sdk.values.PBegin begin) {
                        return begin.apply(
                            Create.of(TestRows.orders(0, 50)).withRowSchema(TestRows.ORDER));
                      }
                    })
                .in(context));
    CheckpointWriteResult scratch =
        staged.apply("Scratch", CheckpointIO.write("scratch").to(context));
    PCollection<Row> last = pipeline.apply("ReadScratch", CheckpointIO.read(scratch));
    if (fails) {
      last = last.apply(ParDo.of(new FailEveryRow())).setRowSchema(TestRows.ORDER);
    }
    pipeline.apply(
        "Cleanup",
        CheckpointIO.cleanup(context)
            .withScopes(CheckpointScope.RUN, CheckpointScope.CORRELATION)
            .after(last));
    return pipeline;
  }

  @Test
  void aFailedAttemptKeepsTheCorrelationTreeAndTheNextSuccessfulOneDeletesBoth()
      throws Exception {
    CheckpointContext first = CheckpointContext.of(root.toString(), "R1").withCorrelationId("C");
    RuntimeException failure =
        assertThrows(
            RuntimeException.class, () -> CheckpointLauncher.run(attempt(first, true), first));
    assertTrue(
        TestPipelines.causeOf(failure, IllegalStateException.class)
            .getMessage()
            .contains("attempt fails"));
    assertFalse(Files.exists(root.resolve("runs/R1")), "the launcher deletes the RUN tree");
    assertTrue(Files.exists(root.resolve("correlations/C/orders/_manifest-0000000001.json")));

    CheckpointContext second = CheckpointContext.of(root.toString(), "R2").withCorrelationId("C");
    CheckpointLauncher.run(attempt(second, false), second);
    assertFalse(Files.exists(root.resolve("runs/R2")));
    assertFalse(Files.exists(root.resolve("correlations/C")));
    assertEquals(
        java.util.List.of(), TestPipelines.filesUnder(root), "nothing of either attempt is left");
  }

  @Test
  void theLauncherDeletesTheRunTreeOfAPipelineWithoutACleanupStage() throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "R9");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context));
    CheckpointLauncher.run(pipeline, context);
    assertFalse(Files.exists(root.resolve("runs/R9")));
  }
}
