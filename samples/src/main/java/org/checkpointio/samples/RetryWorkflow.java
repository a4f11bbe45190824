package org.checkpointio.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointLauncher;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.CheckpointOptions;
import org.checkpointio.CheckpointScope;
import org.checkpointio.StoredCheckpoint;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointWriteResult;

/**
 * A two-job workflow and its retry, as an orchestrator (Airflow, Argo, Prefect) runs it.
 *
 * <ul>
 *   <li>Job 1, "extract", computes the orders once per workflow run: {@link
 *       CheckpointIO#reuseOrCompute} writes them as CORRELATION checkpoint {@code orders}, or
 *       reuses that checkpoint if an earlier attempt wrote it.
 *   <li>Job 2, "report", reads {@code orders} by name, writes its per-customer totals as RUN
 *       checkpoint {@code totals}, publishes them, and as its final stage deletes its RUN tree and
 *       the workflow's CORRELATION tree.
 * </ul>
 *
 * <p>Attempt 1's publish step fails (a simulated outage). {@link CheckpointLauncher} deletes that
 * job's RUN tree and keeps the CORRELATION tree. Attempt 2 runs both jobs again with the same
 * correlation id and new run ids: job 1 reuses {@code orders} without running its producer, job 2
 * succeeds and cleans everything up.
 *
 * <p>Run it with {@code mvn -B -q test-compile exec:exec@retry-workflow}. Options: {@code
 * --checkpointRoot} (default: a fresh temporary directory), {@code --checkpointCorrelationId} (default:
 * {@code workflow-} and a random suffix).
 */
public final class RetryWorkflow {
  static final String ORDERS = "orders";
  static final String TOTALS = "totals";
  static final int ORDER_COUNT = 1_000;
  static final int CUSTOMERS = 10;
  static final String NAMESPACE = "RetryWorkflow";
  static final String ORDERS_COMPUTED = "orders.computed";
  static final String TOTALS_PUBLISHED = "totals.published";

  static final Schema ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addInt64Field("cents")
          .build();
  static final Schema TOTAL =
      Schema.builder().addStringField("customer").addInt64Field("cents").build();

  private RetryWorkflow() {}

  /** What one attempt did, as the orchestrator and its metrics see it. */
  record Attempt(
      int number,
      String extractRunId,
      String reportRunId,
      long ordersComputed,
      long ordersReadByExtract,
      /** 0 when the job failed: its metrics are lost with it. */
      long ordersReadByReport,
      String failure,
      long totalsPublished,
      long filesDeleted,
      boolean reportRunTreeExists,
      long correlationOrdersRows) {
    boolean reused() {
      return ordersComputed == 0;
    }
  }

  /** The whole workflow run. */
  record Summary(String root, String correlationId, List<Attempt> attempts, long treesLeft) {}

  public static void main(String[] args) throws IOException {
    Summary summary = run(args);
    System.out.printf("Workflow run '%s' under %s%n", summary.correlationId(), summary.root());
    String correlationTree = "correlations/" + summary.correlationId() + "/";
    for (Attempt a : summary.attempts()) {
      System.out.printf(
          "%nAttempt %d%s%n",
          a.number(), a.number() > 1 ? " (same correlation id, new run ids)" : "");
      if (a.reused()) {
        System.out.printf(
            "  job 1 (run %s): reused '%s' (%d rows) from %s%s/; its producer did not run%n",
            a.extractRunId(), ORDERS, a.ordersReadByExtract(), correlationTree, ORDERS);
      } else {
        System.out.printf(
            "  job 1 (run %s): computed '%s' (%d rows) and committed it to %s%s/%n",
            a.extractRunId(), ORDERS, a.ordersComputed(), correlationTree, ORDERS);
      }
      if (a.failure() != null) {
        System.out.printf(
            "  job 2 (run %s): read '%s', committed '%s', then failed: %s%n",
            a.reportRunId(), ORDERS, TOTALS, a.failure());
        System.out.printf(
            "  cleaned: runs/%s/ by the launcher after the failure (still there: %s)%n",
            a.reportRunId(), a.reportRunTreeExists());
        System.out.printf(
            "  kept:    %s with '%s' (%d rows) for the retry%n",
            correlationTree, ORDERS, a.correlationOrdersRows());
      } else {
        System.out.printf(
            "  job 2 (run %s): read '%s' (%d rows), wrote '%s', published %d customer totals%n",
            a.reportRunId(), ORDERS, a.ordersReadByReport(), TOTALS, a.totalsPublished());
        System.out.printf(
            "  cleaned: runs/%s/ and %s by job 2's final cleanup stage: %d files%n",
            a.reportRunId(), correlationTree, a.filesDeleted());
      }
    }
    System.out.printf("%nCheckpoint trees left under the root: %d%n", summary.treesLeft());
  }

  /** Runs attempt 1 (fails in job 2) and attempt 2 (succeeds), and reports both. */
  static Summary run(String... args) throws IOException {
    CheckpointOptions options = SampleOptions.parse("workflow", args);
    String correlationId =
        options.getCheckpointCorrelationId() != null
            ? options.getCheckpointCorrelationId()
            : "workflow-" + UUID.randomUUID().toString().substring(0, 8);
    List<Attempt> attempts = new ArrayList<>();
    for (int number = 1; number <= 2; number++) {
      attempts.add(attempt(options, correlationId, number, number == 1));
    }
    long treesLeft = CheckpointStore.at(options.getCheckpointRoot()).trees().size();
    return new Summary(options.getCheckpointRoot(), correlationId, attempts, treesLeft);
  }

  private static Attempt attempt(
      CheckpointOptions options, String correlationId, int number, boolean publishFails)
      throws IOException {
    String root = options.getCheckpointRoot();
    String extractRunId = correlationId + "-attempt-" + number + "-extract";
    String reportRunId = correlationId + "-attempt-" + number + "-report";

    // Job 1: compute the orders once per workflow run.
    CheckpointContext extract =
        CheckpointContext.of(root, extractRunId).withCorrelationId(correlationId);
    Pipeline extractJob = Pipeline.create(options);
    extractJob.apply(
        "Orders", CheckpointIO.reuseOrCompute(ORDERS, new ComputeOrders()).in(extract));
    PipelineResult extracted = CheckpointLauncher.run(extractJob, extract);

    // Job 2: read them, write totals, publish (fails in attempt 1), then clean up everything.
    CheckpointContext report =
        CheckpointContext.of(root, reportRunId).withCorrelationId(correlationId);
    Pipeline reportJob = Pipeline.create(options);
    PCollection<Row> orders = reportJob.apply("ReadOrders", CheckpointIO.read(ORDERS).from(report));
    CheckpointWriteResult totals =
        orders
            .apply(
                "ByCustomer",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(
                        (Row order) -> KV.of(order.getString("customer"), order.getInt64("cents"))))
            .apply("SumPerCustomer", Sum.longsPerKey())
            .apply(
                "ToRows",
                MapElements.into(TypeDescriptors.rows())
                    .via(
                        (KV<String, Long> total) ->
                            Row.withSchema(TOTAL)
                                .addValues(total.getKey(), total.getValue())
                                .build()))
            .setRowSchema(TOTAL)
            .apply("WriteTotals", CheckpointIO.write(TOTALS).to(report));
    PCollection<Row> published =
        reportJob
            .apply("ReadTotals", CheckpointIO.read(totals))
            .apply("Publish", ParDo.of(new Publish(publishFails)))
            .setRowSchema(TOTAL);
    reportJob.apply(
        "Cleanup",
        CheckpointIO.cleanup(report)
            .withScopes(CheckpointScope.RUN, CheckpointScope.CORRELATION)
            .after(published));
    PipelineResult reported = null;
    String failure = null;
    try {
      reported = CheckpointLauncher.run(reportJob, report);
    } catch (RuntimeException e) {
      failure = rootCause(e).getMessage();
    }

    long correlationRows =
        CheckpointStore.at(report.root())
            .checkpoint(CheckpointScope.CORRELATION, report.correlationId(), ORDERS)
            .map(StoredCheckpoint::rows)
            .orElse(0L);
    boolean reportRunTreeExists = SampleTrees.exists(report, CheckpointScope.RUN);
    String rowsRead = CheckpointMetrics.rowsRead(ORDERS);
    return new Attempt(
        number,
        extractRunId,
        reportRunId,
        SampleMetrics.counter(extracted, NAMESPACE, ORDERS_COMPUTED),
        SampleMetrics.counter(extracted, CheckpointMetrics.NAMESPACE, rowsRead),
        // A failed job's metrics fail with it.
        reported == null
            ? 0
            : SampleMetrics.counter(reported, CheckpointMetrics.NAMESPACE, rowsRead),
        failure,
        reported == null ? 0 : SampleMetrics.counter(reported, NAMESPACE, TOTALS_PUBLISHED),
        reported == null
            ? 0
            : SampleMetrics.counter(
                reported, CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED),
        reportRunTreeExists,
        correlationRows);
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Order {@code id}: customer and amount derived from the id. */
  static Row order(long id) {
    return Row.withSchema(ORDER)
        .addValues(id, "customer-" + id % CUSTOMERS, 100L + (id % 50) * 7)
        .build();
  }

  /** The expensive step the workflow wants to run once: here, it generates the orders. */
  static final class ComputeOrders extends PTransform<PBegin, PCollection<Row>> {
    @Override
    public PCollection<Row> expand(PBegin input) {
      return input
          .apply("Ids", GenerateSequence.from(0).to(ORDER_COUNT))
          .apply("ToOrders", ParDo.of(new ToOrder()))
          .setRowSchema(ORDER);
    }
  }

  /** Counts every order it computes, so a reuse shows as 0. */
  static final class ToOrder extends DoFn<Long, Row> {
    private final Counter computed = Metrics.counter(NAMESPACE, ORDERS_COMPUTED);

    @ProcessElement
    public void process(@Element Long id, OutputReceiver<Row> out) {
      computed.inc();
      out.output(order(id));
    }
  }

  /** Publishes totals somewhere outside the pipeline; in attempt 1 that place is down. */
  static final class Publish extends DoFn<Row, Row> {
    private final boolean fails;
    private final Counter published = Metrics.counter(NAMESPACE, TOTALS_PUBLISHED);

    Publish(boolean fails) {
      this.fails = fails;
    }

    @ProcessElement
    public void process(@Element Row total, OutputReceiver<Row> out) {
      if (fails) {
        throw new IllegalStateException("the warehouse is unavailable (simulated outage)");
      }
      published.inc();
      out.output(total);
    }
  }
}
