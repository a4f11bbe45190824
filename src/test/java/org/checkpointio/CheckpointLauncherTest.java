package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failed jobs stay failed: the launcher deletes a RUN tree only once the job is over, cancelling a
 * job that is still running, so nothing of the job lands in the tree after it was deleted.
 */
class CheckpointLauncherTest {
  /** Opened by a test to let a {@link WaitForRelease} step finish. */
  private static volatile CountDownLatch release = new CountDownLatch(1);

  /** Counted down when a {@link WaitForRelease} step started. */
  private static volatile CountDownLatch started = new CountDownLatch(1);

  @TempDir Path root;
  private CheckpointContext context;

  /** Waits until the test releases it, at most a minute, and stops early when interrupted. */
  static final class WaitForRelease extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row, OutputReceiver<Row> out) throws InterruptedException {
      started.countDown();
      release.await(60, TimeUnit.SECONDS);
      out.output(row);
    }
  }

  static final class FailEveryRow extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row row) {
      throw new IllegalStateException("the job fails before its second write");
    }
  }

  /** The run's tree holds a committed checkpoint before the launched job starts. */
  @BeforeEach
  void committedCheckpointInTheRunTree() {
    release = new CountDownLatch(1);
    started = new CountDownLatch(1);
    context = CheckpointContext.of(root.toString(), "R1");
    Pipeline first = TestPipelines.create();
    first
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context));
    TestPipelines.run(first);
    assertTrue(Files.isDirectory(runTree()));
  }

  @AfterEach
  void releaseWaitingSteps() {
    release.countDown();
  }

  private Path runTree() {
    return root.resolve("runs/R1");
  }

  /** A job that passes its rows through {@code step}, then writes them to the run's tree. */
  private Pipeline job(DoFn<Row, Row> step, String... args) {
    Pipeline pipeline = TestPipelines.create(args);
    pipeline
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(ParDo.of(step))
        .setRowSchema(TestRows.ORDER)
        .apply(CheckpointIO.write("late").to(context));
    return pipeline;
  }

  /** Polls for a few seconds: the run's tree must not come back, nor anything else appear. */
  private void assertNothingReappears() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < end) {
      assertFalse(Files.exists(runTree()), "the deleted RUN tree came back");
      Thread.sleep(100);
    }
    assertEquals(List.of(), TestPipelines.filesUnder(root));
  }

  @ParameterizedTest(name = "blockOnRun={0}")
  @ValueSource(booleans = {true, false})
  void aFailedJobIsOverWhenItsRunTreeIsDeleted(boolean blockOnRun) throws Exception {
    RuntimeException failure =
        assertThrows(
            RuntimeException.class,
            () ->
                CheckpointLauncher.run(
                    job(new FailEveryRow(), "--blockOnRun=" + blockOnRun), context));
    assertTrue(
        TestPipelines.causeOf(failure, IllegalStateException.class)
            .getMessage()
            .contains("fails before its second write"),
        failure.toString());
    assertFalse(Files.exists(runTree()));
    assertNothingReappears();
  }

  @Test
  void aJobPastTheTimeoutIsCancelledAndThenItsRunTreeDeleted() throws Exception {
    CheckpointLauncher.JobCancelledException timedOut =
        assertThrows(
            CheckpointLauncher.JobCancelledException.class,
            () ->
                CheckpointLauncher.run(
                    job(new WaitForRelease(), "--blockOnRun=false"),
                    context,
                    Duration.standardSeconds(3)));
    assertTrue(
        timedOut.getMessage().startsWith("The pipeline of run R1 was stopped: it did not finish"
            + " within 3s; it was cancelled (state CANCELLED) and its RUN tree is deleted"),
        timedOut.getMessage());
    PipelineResult result = timedOut.result();
    assertNotNull(result);
    assertTrue(
        Set.of(PipelineResult.State.CANCELLED, PipelineResult.State.FAILED)
            .contains(result.getState()),
        String.valueOf(result.getState()));
    assertFalse(Files.exists(runTree()));
    assertNothingReappears();

    // The step the job was cancelled in finishes now; what it outputs must go nowhere.
    release.countDown();
    assertNothingReappears();
  }

  @Test
  void anInterruptedLauncherCancelsTheJobBeforeDeletingAndKeepsTheInterrupt() throws Exception {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread launcher =
        new Thread(
            () -> {
              try {
                CheckpointLauncher.run(job(new WaitForRelease(), "--blockOnRun=false"), context);
              } catch (Throwable e) {
                thrown.set(e);
              }
              stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
    launcher.start();
    assertTrue(started.await(60, TimeUnit.SECONDS), "the job's waiting step never started");
    launcher.interrupt();
    launcher.join(TimeUnit.SECONDS.toMillis(60));
    assertFalse(launcher.isAlive(), "the launcher did not return after the interrupt");

    assertTrue(thrown.get() instanceof CheckpointLauncher.JobCancelledException, "" + thrown);
    CheckpointLauncher.JobCancelledException cancelled =
        (CheckpointLauncher.JobCancelledException) thrown.get();
    assertTrue(
        cancelled.getMessage().contains("the thread waiting for it was interrupted"),
        cancelled.getMessage());
    assertEquals(PipelineResult.State.CANCELLED, cancelled.result().getState());
    assertTrue(stillInterrupted.get(), "the launcher cleared the thread's interrupt");
    assertFalse(Files.exists(runTree()));
    release.countDown();
    assertNothingReappears();
  }

  @Test
  void aJobThatFinishesWithinTheTimeoutIsReturnedAndItsRunTreeDeleted() {
    Pipeline pipeline = TestPipelines.create("--blockOnRun=false");
    pipeline
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("more").to(context));
    PipelineResult result =
        CheckpointLauncher.run(pipeline, context, Duration.standardMinutes(5));
    assertEquals(PipelineResult.State.DONE, result.getState());
    assertFalse(Files.exists(runTree()));
  }

  @Test
  void theTimeoutMustBePositive() {
    for (Duration timeout : new Duration[] {null, Duration.ZERO, Duration.millis(-1)}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> CheckpointLauncher.run(TestPipelines.create(), context, timeout));
      assertTrue(e.getMessage().startsWith("timeout must be a positive duration"), e.getMessage());
    }
    assertTrue(Files.isDirectory(runTree()), "a refused launch deletes nothing");
  }
}
