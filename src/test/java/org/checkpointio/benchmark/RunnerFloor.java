package org.checkpointio.benchmark;

import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * What the runner alone costs, with no file at all. The write generates the rows as the other
 * writes do and drops them in a DoFn: a write's time above it is what writing costs. The read
 * hands one prebuilt row on per number and counts them as the other reads do: a read's time above
 * it is what finding, opening and decoding the files costs.
 */
final class RunnerFloor implements Candidate {
  private final String runner;

  RunnerFloor(String runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return "runner floor";
  }

  @Override
  public String runner() {
    return runner;
  }

  @Override
  public String kind() {
    return "floor";
  }

  @Override
  public String format() {
    return "none";
  }

  private static final Row ONE_ORDER = OrdersTable.row(1);

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    OrdersTable.generate(pipeline, rows).apply("Drop", ParDo.of(new Drop()));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    PCollection<Row> orders =
        pipeline
            .apply(GenerateSequence.from(0).to(rows))
            .apply(MapElements.into(TypeDescriptors.rows()).via(id -> ONE_ORDER))
            .setRowSchema(OrdersTable.SCHEMA);
    PAssert.thatSingleton(orders.apply(Count.globally())).isEqualTo(rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  private static final class Drop extends DoFn<Row, Void> {
    @ProcessElement
    public void process(@Element Row row) {}
  }
}
