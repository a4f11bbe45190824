package org.checkpointio.benchmark;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

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

  /**
   * Checks that a read produced exactly {@code rows} rows, the same way for every read. Rows are
   * counted bundle by bundle and only the counts are combined: {@code Count.globally()} on the
   * DirectRunner, which lifts no combiner, groups every row under one key first, a cost of the
   * check and not of the read that it would add to every read's time.
   */
  static void assertRowCount(PCollection<Row> read, long rows) {
    PCollection<Long> total =
        read.apply("CountPerBundle", ParDo.of(new CountPerBundle()))
            .apply("Total", Sum.longsGlobally());
    PAssert.thatSingleton(total).isEqualTo(rows);
  }

  private static final class CountPerBundle extends DoFn<Row, Long> {
    private long count;

    @StartBundle
    public void start() {
      count = 0;
    }

    @ProcessElement
    public void process() {
      count++;
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      context.output(count, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }

  static void run(Pipeline pipeline) {
    PipelineResult.State state = pipeline.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("Benchmark pipeline ended in state " + state);
    }
  }
}
