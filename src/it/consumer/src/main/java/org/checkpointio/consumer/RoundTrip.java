package org.checkpointio.consumer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointWriteResult;

/**
 * What a user's first job does: writes a checkpoint in each format, reads it back in a second
 * job by name, compares every row, and cleans up. Exits non-zero on any difference.
 *
 * <p>Arguments: the root directory, and the Beam version the project declared (checked against
 * the Beam that really runs).
 */
public final class RoundTrip {
  private static final Schema ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("customer")
          .addDoubleField("amount")
          .addNullableField("note", Schema.FieldType.STRING)
          .build();
  private static final Queue<String> READ = new ConcurrentLinkedQueue<>();

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    String declaredBeam = args[1];
    String runningBeam = ReleaseInfo.getReleaseInfo().getSdkVersion();
    check(declaredBeam.equals(runningBeam), "Beam " + runningBeam + " runs, not " + declaredBeam);

    List<Row> orders =
        LongStream.range(0, 1_000)
            .mapToObj(
                i ->
                    Row.withSchema(ORDER)
                        .addValues(i, "customer-" + (i % 7), i * 1.25, i % 3 == 0 ? null : "n" + i)
                        .build())
            .collect(Collectors.toList());
    List<String> expected = orders.stream().map(Row::toString).sorted().collect(Collectors.toList());

    for (CheckpointFormat format : CheckpointFormat.values()) {
      CheckpointContext context = CheckpointContext.of(root.toString(), "consumer-" + format);

      Pipeline writer = Pipeline.create(PipelineOptionsFactory.create());
      writer
          .apply(Create.of(orders).withRowSchema(ORDER))
          .apply(CheckpointIO.write("orders").to(context).withFormat(format));
      writer.run().waitUntilFinish();

      READ.clear();
      Pipeline reader = Pipeline.create(PipelineOptionsFactory.create());
      reader
          .apply(CheckpointIO.read("orders").from(context))
          .apply(ParDo.of(new Keep()))
          .setCoder(org.apache.beam.sdk.coders.VoidCoder.of());
      reader.run().waitUntilFinish();
      List<String> read = new ArrayList<>(READ);
      read.sort(null);
      check(read.equals(expected), format + ": read back " + read.size() + " rows unlike those written");

      Pipeline cleaner = Pipeline.create(PipelineOptionsFactory.create());
      cleaner.apply(CheckpointIO.cleanup(context));
      cleaner.run().waitUntilFinish();
      Path tree = root.resolve("runs").resolve("consumer-" + format);
      check(!Files.exists(tree), format + ": cleanup left " + tree);
      System.out.printf("%s round trip on Beam %s: %d rows written, read back equal, tree deleted%n",
          format, runningBeam, read.size());
    }
  }

  private static void check(boolean condition, String failure) {
    if (!condition) {
      System.err.println("consumer round trip FAILED: " + failure);
      System.exit(1);
    }
  }

  private static final class Keep extends DoFn<Row, Void> {
    @ProcessElement
    public void process(@Element Row row) {
      READ.add(row.toString());
    }
  }
}
