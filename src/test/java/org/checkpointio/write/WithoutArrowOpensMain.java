package org.checkpointio.write;

import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestRows;
import org.checkpointio.format.ShardFormats;

/**
 * Run by {@link ArrowOpensTest} in a JVM started without {@code java.nio} opened: tries each way
 * an ARROW write or read could start, and prints one line per way, {@code STEP: message} of the
 * error it met, or {@code STEP: ok}.
 *
 * <p>Arguments: {@code root runId}. The root holds an ARROW checkpoint {@code written}.
 */
public final class WithoutArrowOpensMain {
  private WithoutArrowOpensMain() {}

  public static void main(String[] args) {
    CheckpointContext context = CheckpointContext.of(args[0], args[1]);
    attempt(
        "WRITE",
        () -> {
          Pipeline pipeline = pipeline();
          pipeline
              .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
              .apply(CheckpointIO.write("orders").to(context).withFormat(CheckpointFormat.ARROW));
          pipeline.run().waitUntilFinish();
        });
    attempt(
        "READ",
        () -> {
          Pipeline pipeline = pipeline();
          pipeline.apply(CheckpointIO.read("written").from(context));
          pipeline.run().waitUntilFinish();
        });
    // What a worker of another runner does first: open a shard file (leaving the marker first).
    TempShardFiles files =
        new TempShardFiles(
            context.paths(CheckpointScope.RUN, "on-a-worker"),
            "w-1",
            ShardFormats.of(CheckpointFormat.ARROW),
            TestRows.ORDER);
    attempt("SHARD", files::create);
    attempt(
        "PARQUET",
        () -> {
          Pipeline pipeline = pipeline();
          pipeline
              .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
              .apply(CheckpointIO.write("parquet").to(context));
          pipeline.run().waitUntilFinish();
        });
    System.exit(0);
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
  }

  interface Step {
    void run() throws Exception;
  }

  private static void attempt(String name, Step step) {
    Consumer<String> report = line -> System.out.println(name + ": " + line.replace('\n', ' '));
    try {
      step.run();
      report.accept("ok");
    } catch (Exception e) {
      report.accept(e.getClass().getSimpleName() + " " + e.getMessage());
    }
  }
}
