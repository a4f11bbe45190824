package org.checkpointio.samples;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.CheckpointOptions;
import org.checkpointio.CheckpointScope;
import org.checkpointio.StoredCheckpoint;
import org.checkpointio.CommittedWrite;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointWriteResult;
import org.joda.time.Instant;

/**
 * CheckpointIO in two pipelines on the DirectRunner.
 *
 * <ol>
 *   <li>The first generates an "orders" table, writes it as checkpoint {@code orders} and reads it
 *       back in the same pipeline, after the write committed.
 *   <li>The second, a separate job, reads {@code orders} by name, sums the amounts, and deletes
 *       the run's checkpoints as its final stage.
 * </ol>
 *
 * <p>Run it with {@code mvn -B -q test-compile exec:exec@quickstart}. Options: {@code
 * --checkpointRoot} (default: a fresh temporary directory), {@code --checkpointRunId} (default: a random
 * UUID).
 */
public final class Quickstart {
  static final String ORDERS = "orders";
  static final int ORDER_COUNT = 10_000;

  static final Schema ORDER_SCHEMA =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addDoubleField("amount")
          .addInt32Field("quantity")
          .addDateTimeField("ts")
          .addBooleanField("express")
          .addNullableField("note", FieldType.STRING)
          .build();

  private static final String NAMESPACE = "Quickstart";
  private static final String AMOUNT_CENTS = "orders.amountCents";
  private static final Instant FIRST_ORDER_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private Quickstart() {}

  /** What one quickstart run wrote, read and deleted. */
  record Summary(
      String root,
      String runId,
      String checkpointDirectory,
      List<String> filesWritten,
      long manifestRows,
      long rowsReadByWriter,
      long rowsReadByReader,
      double amountTotal,
      long filesDeleted,
      long bytesDeleted,
      String runTree,
      boolean runTreeExists) {}

  public static void main(String[] args) throws IOException {
    Summary s = run(args);
    System.out.printf("Checkpoint root: %s%nRun id:          %s%n%n", s.root(), s.runId());
    System.out.printf("Pipeline 1 wrote '%s' to %s%n", ORDERS, s.checkpointDirectory());
    s.filesWritten().forEach(file -> System.out.println("  " + file));
    System.out.printf("  manifest.json lists %d rows%n", s.manifestRows());
    System.out.printf("  read back in the same pipeline: %d rows%n%n", s.rowsReadByWriter());
    System.out.printf(
        "Pipeline 2 read '%s' by name: %d rows, amounts totalling %.2f%n",
        ORDERS, s.rowsReadByReader(), s.amountTotal());
    System.out.printf(
        "  cleanup deleted %d files (%d bytes)%n", s.filesDeleted(), s.bytesDeleted());
    System.out.printf("  run tree %s still exists: %s%n", s.runTree(), s.runTreeExists());
  }

  /** Runs both pipelines and returns what they did. */
  static Summary run(String... args) throws IOException {
    CheckpointOptions options = SampleOptions.parse("quickstart", args);
    CheckpointContext context = CheckpointContext.fromOptions(options);
    CheckpointStore store = CheckpointStore.at(context.root());

    // Pipeline 1: generate orders, write them as a checkpoint, read them back once committed.
    Pipeline writer = Pipeline.create(options);
    CheckpointWriteResult written =
        writer
            .apply("GenerateIds", GenerateSequence.from(0).to(ORDER_COUNT))
            .apply("ToOrders", MapElements.into(TypeDescriptors.rows()).via(Quickstart::order))
            .setRowSchema(ORDER_SCHEMA)
            .apply("WriteOrders", CheckpointIO.write(ORDERS).to(context));
    writer.apply("ReadOrdersBack", CheckpointIO.read(written));
    PipelineResult writerResult = writer.run();
    writerResult.waitUntilFinish();

    StoredCheckpoint orders =
        store.checkpoint(CheckpointScope.RUN, context.runId(), ORDERS).orElseThrow();
    List<String> filesWritten = committedFiles(orders);

    // Pipeline 2, a separate job: read the checkpoint by name, sum it, then clean up the run.
    Pipeline reader = Pipeline.create(options);
    PCollection<Double> total =
        reader
            .apply("ReadOrders", CheckpointIO.read(ORDERS).from(context))
            .apply("Amounts", MapElements.into(TypeDescriptors.doubles()).via(Quickstart::amount))
            .apply("SumAmounts", Sum.doublesGlobally())
            .apply("ReportTotal", ParDo.of(new ReportTotal()));
    reader.apply("Cleanup", CheckpointIO.cleanup(context).after(total));
    PipelineResult readerResult = reader.run();
    readerResult.waitUntilFinish();

    String runTree = store.treeDirectory(CheckpointScope.RUN, context.runId());
    String rowsRead = CheckpointMetrics.rowsRead(ORDERS);
    return new Summary(
        context.root(),
        context.runId(),
        orders.directory(),
        filesWritten,
        orders.rows(),
        SampleMetrics.counter(writerResult, CheckpointMetrics.NAMESPACE, rowsRead),
        SampleMetrics.counter(readerResult, CheckpointMetrics.NAMESPACE, rowsRead),
        SampleMetrics.counter(readerResult, NAMESPACE, AMOUNT_CENTS) / 100.0,
        SampleMetrics.counter(
            readerResult, CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED),
        SampleMetrics.counter(
            readerResult, CheckpointMetrics.NAMESPACE, CheckpointMetrics.BYTES_DELETED),
        runTree,
        store.summary(CheckpointScope.RUN, context.runId()).isPresent());
  }

  /** Order {@code id}: every field derived from the id, so a test can recompute any of them. */
  static Row order(long id) {
    return Row.withSchema(ORDER_SCHEMA)
        .addValues(
            id,
            "customer-" + id % 100,
            5.0 + (id % 1000) * 0.25,
            (int) (id % 10) + 1,
            FIRST_ORDER_TIME.plus(id * 60_000L),
            id % 7 == 0,
            id % 3 == 0 ? "gift wrap" : null)
        .build();
  }

  private static double amount(Row order) {
    return order.getDouble("amount");
  }

  /** Publishes the total as a metric, in cents (counters hold whole numbers). */
  static final class ReportTotal extends DoFn<Double, Double> {
    private final Counter amountCents = Metrics.counter(NAMESPACE, AMOUNT_CENTS);

    @ProcessElement
    public void process(@Element Double total, OutputReceiver<Double> out) {
      amountCents.inc(Math.round(total * 100));
      out.output(total);
    }
  }

  /**
   * The files a commit left in the checkpoint's directory, relative to it: its manifest and the
   * shards it lists.
   */
  private static List<String> committedFiles(StoredCheckpoint checkpoint) {
    List<String> files = new ArrayList<>();
    for (CommittedWrite write : checkpoint.writes()) {
      files.add(write.manifestFile().substring(checkpoint.directory().length()));
      write.shards().forEach(shard -> files.add(shard.fileName()));
    }
    files.sort(null);
    return files;
  }
}
