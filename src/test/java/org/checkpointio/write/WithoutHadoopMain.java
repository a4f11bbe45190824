package org.checkpointio.write;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.OutputRows;
import org.checkpointio.TestRows;
import org.checkpointio.format.ShardFormats;

/**
 * Run by {@link HadoopOptionalTest} in a JVM whose class path has no Hadoop jar. Prints one line
 * per step, {@code STEP: outcome}: whether Hadoop's classes are there at all, an ARROW round
 * trip (which must work), and each way a PARQUET write or read could start (which must fail
 * before any file, saying what to add).
 *
 * <p>Arguments: {@code root runId}. The root holds a PARQUET checkpoint {@code parquet} of that
 * run.
 */
public final class WithoutHadoopMain {
  private WithoutHadoopMain() {}

  public static void main(String[] args) {
    CheckpointContext context = CheckpointContext.of(args[0], args[1]);
    try {
      Class.forName("org.apache.hadoop.conf.Configuration");
      System.out.println("HADOOP: present");
    } catch (ClassNotFoundException e) {
      System.out.println("HADOOP: absent");
    }
    attempt(
        "ARROW",
        () -> {
          List<Row> orders = TestRows.orders(0, 500);
          Pipeline writer = pipeline();
          writer
              .apply(Create.of(orders).withRowSchema(TestRows.ORDER))
              .apply(CheckpointIO.write("arrow").to(context).withFormat(CheckpointFormat.ARROW));
          writer.run().waitUntilFinish();
          Pipeline reader = pipeline();
          OutputRows read = OutputRows.of(reader.apply(CheckpointIO.read("arrow").from(context)));
          reader.run().waitUntilFinish();
          String expected = sorted(orders);
          String actual = sorted(read.rows());
          if (!expected.equals(actual)) {
            throw new AssertionError("read back " + read.rows().size() + " rows unlike those written");
          }
          System.out.println("ARROW: ok " + read.rows().size() + " rows");
        });
    attempt(
        "PARQUET_WRITE",
        () -> {
          Pipeline pipeline = pipeline();
          pipeline
              .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
              .apply(CheckpointIO.write("orders").to(context));
          pipeline.run().waitUntilFinish();
          System.out.println("PARQUET_WRITE: ok");
        });
    attempt(
        "PARQUET_READ",
        () -> {
          Pipeline pipeline = pipeline();
          pipeline.apply(CheckpointIO.read("parquet").from(context));
          pipeline.run().waitUntilFinish();
          System.out.println("PARQUET_READ: ok");
        });
    // What a worker of another runner does first: open a shard file.
    attempt(
        "PARQUET_SHARD",
        () -> {
          new TempShardFiles(
                  context.paths(CheckpointScope.RUN, "on-a-worker"),
                  "w-1",
                  ShardFormats.of(CheckpointFormat.PARQUET),
                  TestRows.ORDER)
              .create();
          System.out.println("PARQUET_SHARD: ok");
        });
    System.exit(0);
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.create());
  }

  private static String sorted(List<Row> rows) {
    return rows.stream().map(Row::toString).sorted().collect(Collectors.joining("\n"));
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void attempt(String step, Step body) {
    try {
      body.run();
    } catch (Throwable e) {
      e.printStackTrace(); // into the test's failure message, if it fails
      Throwable cause = e;
      while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
        cause = cause.getCause();
      }
      System.out.println(
          step + ": " + cause.getClass().getSimpleName() + ": " + cause.getMessage().replace('\n', ' '));
    }
  }
}
