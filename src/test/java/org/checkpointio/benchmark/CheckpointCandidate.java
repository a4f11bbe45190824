package org.checkpointio.benchmark;

import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;

/** CheckpointIO: write the table as a checkpoint, read it back by name. */
final class CheckpointCandidate implements Candidate {
  private final CheckpointFormat format;
  private final String runner;

  CheckpointCandidate(CheckpointFormat format, String runner) {
    this.format = format;
    this.runner = runner;
  }

  @Override
  public String name() {
    return "CheckpointIO " + format;
  }

  @Override
  public String runner() {
    return runner;
  }

  @Override
  public String kind() {
    return "checkpoint";
  }

  @Override
  public String format() {
    return format.name();
  }

  private static CheckpointContext context(Path dir) {
    return CheckpointContext.of(dir.toString(), "bench");
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    OrdersTable.generate(pipeline, rows)
        .apply(CheckpointIO.write("orders").to(context(dir)).withFormat(format));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    BeamRunners.assertRowCount(
        pipeline.apply(CheckpointIO.read("orders").from(context(dir))), rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }
}
