package org.checkpointio;

import java.io.IOException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.PipelineResult.State;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline and waits for it, deleting its RUN tree afterwards whatever the outcome, for
 * launchers that wait for their jobs (DirectRunner, local Flink or Spark, Dataflow with
 * waiting). A pipeline that fails never reaches its own cleanup stage; this is the {@code
 * finally} that does it. The CORRELATION tree is kept, so a retry of the workflow run can reuse
 * its checkpoints.
 *
 * <p>The tree is deleted only once the job is over: a job that is still running when the wait
 * ends (it timed out, the waiting thread was interrupted, or the wait itself failed) is cancelled
 * first, and the launcher waits up to {@link #CANCEL_WAIT} for it to reach a terminal state. A job
 * that does not stop within that time, or cannot be cancelled, keeps its tree (logged, and added to
 * the thrown exception as a suppressed one): deleting it under a running job would let the job's
 * later files land in a tree nobody deletes any more. Delete such a tree once the job stopped,
 * with {@code checkpoint rm}, the checkpoint-cleanup template or the TTL sweep.
 */
public final class CheckpointLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointLauncher.class);

  /** How long the launcher waits for a job it cancelled to reach a terminal state. */
  public static final Duration CANCEL_WAIT = Duration.standardMinutes(5);

  private CheckpointLauncher() {}

  /**
   * Runs {@code pipeline} to completion, then deletes {@code context}'s RUN tree.
   *
   * @return the result of a pipeline that finished in state DONE
   * @throws RuntimeException the pipeline's own failure, rethrown after the RUN tree is deleted;
   *     or {@link IllegalStateException} if it finished in another state (such as CANCELLED)
   * @throws JobCancelledException if the waiting thread was interrupted: the job is cancelled
   *     before its RUN tree is deleted, and the thread's interrupt flag is set again
   */
  public static PipelineResult run(Pipeline pipeline, CheckpointContext context) {
    return launch(pipeline, context, null);
  }

  /**
   * As {@link #run(Pipeline, CheckpointContext)}, waiting at most {@code timeout} for the job: a job
   * still running then is cancelled, and its RUN tree deleted once it stopped.
   *
   * <p>The timeout counts from the moment {@code pipeline.run()} returns, which is when the job is
   * submitted on runners that return at once (Dataflow, Spark, the DirectRunner with {@code
   * --blockOnRun=false}). A runner whose {@code run()} itself waits for the end (the DirectRunner
   * by default, Flink in attached mode) finishes before the timeout starts, and cannot be
   * cancelled by it.
   *
   * @throws IllegalArgumentException if {@code timeout} is not positive
   * @throws JobCancelledException if the job did not finish within {@code timeout}; {@link
   *     JobCancelledException#result()} is its result, in a terminal state unless cancelling failed
   */
  public static PipelineResult run(Pipeline pipeline, CheckpointContext context, Duration timeout) {
    if (timeout == null || !timeout.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException(
          String.format(
              "timeout must be a positive duration such as Duration.standardHours(2), but was %s",
              timeout));
    }
    return launch(pipeline, context, timeout);
  }

  private static PipelineResult launch(
      Pipeline pipeline, CheckpointContext context, @Nullable Duration timeout) {
    PipelineResult result;
    try {
      result = pipeline.run();
    } catch (RuntimeException | Error e) {
      // Nothing of the job runs on: it failed inside run() (where the DirectRunner waits by
      // default) or it never started.
      deleteRunTree(context, e);
      throw e;
    }
    State state = null;
    Throwable waitFailure = null;
    try {
      state = timeout == null ? result.waitUntilFinish() : result.waitUntilFinish(timeout);
    } catch (RuntimeException | Error e) {
      waitFailure = e;
    }
    // Cancelling and waiting for the cancel must not be cut short by the interrupt that ended
    // the wait; the flag is set again below.
    boolean interrupted = Thread.interrupted();
    try {
      boolean over = state != null && state.isTerminal();
      State end = over ? state : cancel(result, context);
      Throwable thrown;
      if (interrupted || (waitFailure == null && !over)) {
        thrown =
            new JobCancelledException(
                describeUnfinished(context, timeout, interrupted, end), result, waitFailure);
      } else if (waitFailure != null) {
        thrown = waitFailure;
      } else if (state != State.DONE) {
        thrown =
            new IllegalStateException(
                "Pipeline finished in state " + state + " (run " + context.runId() + ")");
      } else {
        thrown = null;
      }
      if (end != null) {
        deleteRunTree(context, thrown);
      } else {
        keepRunTree(context, thrown);
      }
      if (thrown instanceof Error) {
        throw (Error) thrown;
      }
      if (thrown != null) {
        throw (RuntimeException) thrown;
      }
      return result;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Cancels a job that is not over and waits up to {@link #CANCEL_WAIT} for it to stop.
   *
   * @return the terminal state it reached, or null if it did not reach one (logged)
   */
  private static @Nullable State cancel(PipelineResult result, CheckpointContext context) {
    try {
      State state = result.getState();
      if (state.isTerminal()) {
        return state;
      }
      LOG.warn("Cancelling the pipeline of run {} (state {})", context.runId(), state);
      state = result.cancel();
      if (state == null || !state.isTerminal()) {
        state = result.waitUntilFinish(CANCEL_WAIT);
      }
      if (state != null && state.isTerminal()) {
        LOG.info("The pipeline of run {} stopped in state {}", context.runId(), state);
        return state;
      }
      LOG.warn(
          "The pipeline of run {} did not stop within {} of being cancelled (state {})",
          context.runId(),
          TreeAge.text(CANCEL_WAIT),
          state);
      return null;
    } catch (IOException | RuntimeException e) {
      // The job may have ended on its own meanwhile, which the cancel or the wait reports as an
      // error (a failed job's failure, "already terminated").
      State state = stateOrNull(result);
      if (state != null && state.isTerminal()) {
        return state;
      }
      LOG.warn("Could not cancel the pipeline of run {}", context.runId(), e);
      return null;
    }
  }

  private static @Nullable State stateOrNull(PipelineResult result) {
    try {
      return result.getState();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describeUnfinished(
      CheckpointContext context,
      @Nullable Duration timeout,
      boolean interrupted,
      @Nullable State end) {
    String why;
    if (interrupted) {
      why = "the thread waiting for it was interrupted";
    } else if (timeout != null) {
      why = "it did not finish within " + TreeAge.text(timeout);
    } else {
      why = "the runner's wait for it ended before it finished";
    }
    String outcome =
        end != null
            ? "it was cancelled (state " + end + ") and its RUN tree is deleted"
            : "cancelling it failed or it did not stop within "
                + TreeAge.text(CANCEL_WAIT)
                + ", so its RUN tree "
                + context.tree(CheckpointScope.RUN)
                + " is kept: delete it once the job stopped";
    return "The pipeline of run " + context.runId() + " was stopped: " + why + "; " + outcome;
  }

  private static void keepRunTree(CheckpointContext context, @Nullable Throwable failure) {
    String message =
        String.format(
            "Kept the RUN tree %s of run %s: its pipeline may still be running. Delete it once the"
                + " job stopped (checkpoint rm, the checkpoint-cleanup template or the TTL sweep)",
            context.tree(CheckpointScope.RUN),
            context.runId());
    LOG.warn(message);
    if (failure != null) {
      failure.addSuppressed(new IllegalStateException(message));
    }
  }

  private static void deleteRunTree(CheckpointContext context, @Nullable Throwable failure) {
    try {
      CheckpointStore.at(context.root())
          .delete(CheckpointScope.RUN, context.runId(), DeleteProgress.NONE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not delete the RUN tree of run {}", context.runId(), e);
      if (failure != null) {
        failure.addSuppressed(e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The launcher stopped a job that had not finished: it ran past the launcher's timeout, or the
   * thread waiting for it was interrupted. The message says whether the cancel took effect and
   * the RUN tree was deleted; {@link #result()} is the job, to ask for its state or metrics.
   */
  public static final class JobCancelledException extends IllegalStateException {
    private final transient @Nullable PipelineResult result;

    JobCancelledException(String message, PipelineResult result, @Nullable Throwable cause) {
      super(message, cause);
      this.result = result;
    }

    /** The job's result; null only after this exception was serialized. */
    public @Nullable PipelineResult result() {
      return result;
    }
  }
}
