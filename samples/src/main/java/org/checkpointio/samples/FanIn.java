package org.checkpointio.samples;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
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

/**
 * Fan-in: several branches append to one checkpoint name, and one read returns their union.
 *
 * <ol>
 *   <li>Job 1 has three branches, one per region, each appending its orders to checkpoint {@code
 *       orders} with {@code withAppend()}. Each commits its own manifest. The apac branch counts
 *       quantities as INT32; the contract (the first branch's schema) has INT64, so its rows are
 *       widened when the pipeline is built.
 *   <li>Job 2 reads {@code orders} once, gets every row of every branch exactly once, counts them
 *       per region, and cleans up the run.
 * </ol>
 *
 * <p>Run it with {@code mvn -B -q test-compile exec:exec@fan-in}. Options: {@code --checkpointRoot}
 * (default: a fresh temporary directory), {@code --checkpointRunId} (default: a random UUID).
 */
public final class FanIn {
  static final String ORDERS = "orders";
  static final Map<String, Integer> ROWS_PER_REGION = Map.of("eu", 400, "us", 350, "apac", 250);
  static final String NAMESPACE = "FanIn";

  static final Schema ORDER =
      Schema.builder()
          .addStringField("region")
          .addInt64Field("id")
          .addInt64Field("quantity")
          .build();
  static final Schema APAC_ORDER =
      Schema.builder()
          .addStringField("region")
          .addInt64Field("id")
          .addInt32Field("quantity")
          .build();

  private FanIn() {}

  /** What the two jobs did. */
  record Summary(
      String root,
      String runId,
      String checkpointDirectory,
      List<String> manifestFiles,
      List<Long> manifestRows,
      long unionRows,
      Map<String, Long> rowsPerRegion,
      String quantityTypeRead,
      long quantitySum,
      long filesDeleted,
      boolean runTreeExists) {}

  public static void main(String[] args) throws IOException {
    Summary s = run(args);
    System.out.printf("Checkpoint root: %s%nRun id:          %s%n%n", s.root(), s.runId());
    System.out.printf(
        "Job 1: %d branches appended to '%s' in %s%n",
        s.manifestFiles().size(), ORDERS, s.checkpointDirectory());
    for (int i = 0; i < s.manifestFiles().size(); i++) {
      System.out.printf("  %s  %d rows%n", s.manifestFiles().get(i), s.manifestRows().get(i));
    }
    System.out.printf(
        "%nJob 2: one read of '%s' returned %d rows, the union of every branch:%n",
        ORDERS, s.unionRows());
    s.rowsPerRegion()
        .forEach((region, rows) -> System.out.printf("  %-4s  %d rows%n", region, rows));
    System.out.printf(
        "  quantity is %s in every row (apac's INT32 widened to the contract); total %d%n",
        s.quantityTypeRead(), s.quantitySum());
    System.out.printf(
        "  cleanup deleted %d files; run tree still exists: %s%n",
        s.filesDeleted(), s.runTreeExists());
  }

  /** Runs both jobs and returns what they did. */
  static Summary run(String... args) throws IOException {
    CheckpointOptions options = SampleOptions.parse("fan-in", args);
    CheckpointContext context = CheckpointContext.fromOptions(options);

    // Job 1: one appending writer per region; eu is applied first, so its schema is the contract.
    Pipeline branches = Pipeline.create(options);
    for (String region : List.of("eu", "us", "apac")) {
      branches
          .apply(region + "Ids", GenerateSequence.from(0).to(ROWS_PER_REGION.get(region)))
          .apply(
              region + "Orders",
              MapElements.into(TypeDescriptors.rows()).via((Long id) -> order(region, id)))
          .setRowSchema(schemaOf(region))
          .apply("Append" + region, CheckpointIO.write(ORDERS).to(context).withAppend());
    }
    branches.run().waitUntilFinish();

    StoredCheckpoint orders =
        CheckpointStore.at(context.root())
            .checkpoint(CheckpointScope.RUN, context.runId(), ORDERS)
            .orElseThrow();
    List<CommittedWrite> sorted =
        orders.writes().stream().sorted(Comparator.comparingLong(CommittedWrite::rows)).toList();

    // Job 2: one read of the union, counted per region, then cleanup of the run.
    Pipeline reader = Pipeline.create(options);
    PCollection<Row> union = reader.apply("ReadOrders", CheckpointIO.read(ORDERS).from(context));
    PCollection<Row> counted = union.apply("CountPerRegion", ParDo.of(new CountPerRegion()));
    counted.setRowSchema(union.getSchema());
    reader.apply("Cleanup", CheckpointIO.cleanup(context).after(counted));
    PipelineResult read = reader.run();
    read.waitUntilFinish();

    Map<String, Long> perRegion = new TreeMap<>();
    for (String region : ROWS_PER_REGION.keySet()) {
      perRegion.put(region, SampleMetrics.counter(read, NAMESPACE, "rows." + region));
    }
    return new Summary(
        context.root(),
        context.runId(),
        orders.directory(),
        sorted.stream().map(write -> fileName(write.manifestFile())).toList(),
        sorted.stream().map(CommittedWrite::rows).toList(),
        SampleMetrics.counter(
            read, CheckpointMetrics.NAMESPACE, CheckpointMetrics.rowsRead(ORDERS)),
        perRegion,
        union.getSchema().getField("quantity").getType().getTypeName().name(),
        SampleMetrics.counter(read, NAMESPACE, "quantity"),
        SampleMetrics.counter(read, CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED),
        SampleTrees.exists(context, CheckpointScope.RUN));
  }

  /** The apac branch counts quantities in an INT32; the others in an INT64. */
  static Schema schemaOf(String region) {
    return region.equals("apac") ? APAC_ORDER : ORDER;
  }

  /** Order {@code id} of {@code region}; quantity 1 to 5. */
  static Row order(String region, long id) {
    long quantity = id % 5 + 1;
    return Row.withSchema(schemaOf(region))
        .addValues(region, id, region.equals("apac") ? (Object) (int) quantity : (Object) quantity)
        .build();
  }

  /** Counts rows per region and sums quantities (read as INT64) in metrics. */
  static final class CountPerRegion extends DoFn<Row, Row> {
    @ProcessElement
    public void process(@Element Row order, OutputReceiver<Row> out) {
      Metrics.counter(NAMESPACE, "rows." + order.getString("region")).inc();
      Metrics.counter(NAMESPACE, "quantity").inc(order.getInt64("quantity"));
      out.output(order);
    }
  }

  /** The last segment of a path or URI. */
  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
