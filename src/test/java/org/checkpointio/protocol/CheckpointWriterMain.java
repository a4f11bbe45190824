package org.checkpointio.protocol;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.ConcurrentCheckpointWriteException;
import org.checkpointio.TestRows;

/**
 * One writer, as a job of its own: the child JVM that the kill and race suites start. Writes the
 * orders with ids {@code [first, first + rows)} to checkpoint {@code name} of run {@code run} under
 * {@code root}, on the DirectRunner, and prints its outcome as the last line: {@code RESULT
 * committed}, {@code RESULT concurrent <message>} (exit 3) or {@code RESULT failed <error>} (exit
 * 1).
 *
 * <p>Arguments: {@code root run name exclusive|append PARQUET|ARROW first rows shards}.
 */
public final class CheckpointWriterMain {
  static final int CONCURRENT = 3;

  private CheckpointWriterMain() {}

  public static void main(String[] args) {
    WriterArgs writer = WriterArgs.parse(args);
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    CheckpointIO.Write write =
        CheckpointIO.write(writer.name())
            .to(CheckpointContext.of(writer.root(), writer.run()))
            .withFormat(writer.format())
            .withNumShards(writer.shards());
    pipeline
        .apply(
            Create.of(TestRows.orders(writer.first(), writer.first() + writer.rows()))
                .withRowSchema(TestRows.ORDER))
        .apply(writer.append() ? write.withAppend() : write);
    try {
      pipeline.run().waitUntilFinish();
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof ConcurrentCheckpointWriteException) {
          System.out.println("RESULT concurrent " + oneLine(cause.getMessage()));
          System.exit(CONCURRENT);
        }
      }
      System.out.println("RESULT failed " + oneLine(e.toString()));
      System.exit(1);
    }
    System.out.println("RESULT committed");
    System.exit(0);
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replace('\n', ' ');
  }

  /** What one child writes. */
  record WriterArgs(
      String root,
      String run,
      String name,
      boolean append,
      CheckpointFormat format,
      long first,
      long rows,
      int shards) {
    static WriterArgs parse(String[] args) {
      if (args.length != 8) {
        throw new IllegalArgumentException(
            "expected: root run name exclusive|append PARQUET|ARROW first rows shards");
      }
      return new WriterArgs(
          args[0],
          args[1],
          args[2],
          "append".equals(args[3]),
          CheckpointFormat.valueOf(args[4]),
          Long.parseLong(args[5]),
          Long.parseLong(args[6]),
          Integer.parseInt(args[7]));
    }

    String[] toArgs() {
      return new String[] {
        root,
        run,
        name,
        append ? "append" : "exclusive",
        format.name(),
        Long.toString(first),
        Long.toString(rows),
        Integer.toString(shards)
      };
    }
  }
}
