package org.checkpointio.benchmark;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Pipelines on a named runner, identical for every Beam candidate. */
final class BeamRunners {
  private BeamRunners() {}

  static Pipeline create(String runner) {
    String[] args;
    switch (runner) {
      case "direct":
        // The DirectRunner's element checks are test aids, off for every candidate alike.
        args =
            new String[] {
              "--runner=DirectRunner", "--enforceImmutability=false", "--enforceEncodability=false"
            };
        break;
      case "flink":
        // fasterCopy: no deep copy of each element between chained operators, which the
        // FlinkRunner itself recommends; safe since no candidate mutates its input.
        args =
            new String[] {
              "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2", "--fasterCopy"
            };
        break;
      default:
        throw new IllegalArgumentException("Unknown runner '" + runner + "': use direct or flink");
    }
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args).create();
    return Pipeline.create(options);
  }

  static void run(Pipeline pipeline) {
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Benchmark pipeline ended in state " + state);
    }
  }
}
