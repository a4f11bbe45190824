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
 * What the runner alone costs, with no file at all: the write generates the rows and drops them
 * in a DoFn; the read generates them and counts them as the other reads do. No format can make
 * a write or read on this runner faster than these.
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

  private static PCollection<Row> orders(Pipeline pipeline, long rows) {
    return pipeline
        .apply(GenerateSequence.from(0).to(rows))
        .apply(MapElements.into(TypeDescriptors.rows()).via(OrdersTable::row))
        .setRowSchema(OrdersTable.SCHEMA);
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    orders(pipeline, rows).apply("Drop", ParDo.of(new Drop()));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    PAssert.thatSingleton(orders(pipeline, rows).apply(Count.globally())).isEqualTo(rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  private static final class Drop extends DoFn<Row, Void> {
    @ProcessElement
    public void process(@Element Row row) {}
  }
}
