package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's options live beside a pipeline's own: their names all start with {@code
 * checkpoint}, and they are registered, so any options interface takes them.
 */
class OptionsCoexistenceTest {
  @TempDir Path root;

  /** A pipeline's own options, as orchestrated pipelines often have them. */
  public interface OrchestratedOptions extends PipelineOptions {
    @Description("The orchestrator's id of this run.")
    @Default.String("manual")
    String getRunId();

    void setRunId(String runId);
  }

  @Test
  void aPipelinesOwnRunIdWithADefaultDoesNotCollideWithTheCheckpointOptions() throws Exception {
    OrchestratedOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--runId=orchestrator-7",
                "--checkpointRoot=" + root,
                "--checkpointRunId=r-1")
            .withValidation()
            .as(OrchestratedOptions.class);
    assertEquals("orchestrator-7", options.getRunId());
    CheckpointContext context = CheckpointContext.fromOptions(options);
    assertEquals("r-1", context.runId());

    Pipeline write = Pipeline.create(options);
    write
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context));
    TestPipelines.run(write);

    Pipeline read = Pipeline.create(options);
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context)))
        .containsInAnyOrder(TestRows.orders(0, 5));
    TestPipelines.run(read);
    assertTrue(
        TestPipelines.filesUnder(root).stream().allMatch(f -> f.startsWith("runs/r-1/orders/")));
  }

  @Test
  void plainPipelineOptionsTakeTheCheckpointFlags() throws Exception {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=DirectRunner",
                "--checkpointRoot=" + root,
                "--checkpointRunId=r-2",
                "--checkpointCorrelationId=wf/1",
                "--checkpointFormat=ARROW")
            .withValidation()
            .create();
    CheckpointContext context = CheckpointContext.fromOptions(options);
    assertEquals(root.toString(), context.root());
    assertEquals("r-2", context.runId());
    assertEquals("wf/1", context.correlationId());

    Pipeline write = Pipeline.create(options);
    write
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context).withScope(CheckpointScope.CORRELATION));
    TestPipelines.run(write);
    assertTrue(
        TestPipelines.filesUnder(root).stream()
            .anyMatch(f -> f.startsWith("correlations/wf%2F1/orders/") && f.endsWith(".arrow")),
        "the format from --checkpointFormat: " + TestPipelines.filesUnder(root));
  }
}
