package org.checkpointio.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.ChildJvm;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop is the pipeline's choice: in a JVM with no Hadoop jar on the class path, an ARROW write
 * and read work, and a PARQUET write or read fails before it makes any file, naming the
 * dependency to add (while the pipeline is built on the DirectRunner; before a worker's first
 * shard file on any runner).
 */
class HadoopOptionalTest {
  /**
   * Hadoop's jars, and the Beam modules only the tests use that need them (Beam's Hadoop coders
   * register themselves with every pipeline): none of these reaches a user through the library.
   */
  private static final Pattern HADOOP_JARS =
      Pattern.compile("^(hadoop-|beam-sdks-java-io-hadoop-|beam-sdks-java-io-parquet-)");

  @TempDir Path root;

  @Test
  void arrowNeedsNoHadoopAndParquetSaysWhatToAddBeforeAnyFile() throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "r-1");
    Pipeline written = TestPipelines.create();
    written
        .apply(Create.of(TestRows.orders(0, 3)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("parquet").to(context));
    TestPipelines.run(written);
    List<String> before = TestPipelines.filesUnder(root);

    List<String> command = ChildJvm.java(true, HADOOP_JARS);
    command.add(WithoutHadoopMain.class.getName());
    command.addAll(List.of(root.toString(), "r-1"));
    String output = run(command);

    Map<String, String> steps = new HashMap<>();
    for (String line : output.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0 && line.substring(0, colon).matches("[A-Z_]+")) {
        steps.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    assertEquals("absent", steps.get("HADOOP"), output);
    assertEquals("ok 500 rows", steps.get("ARROW"), output);
    for (String step : List.of("PARQUET_WRITE", "PARQUET_READ", "PARQUET_SHARD")) {
      String message = steps.getOrDefault(step, "(no line)\n" + output);
      assertTrue(message.startsWith("IllegalStateException"), step + ": " + message);
      assertTrue(
          message.contains("Add the dependency org.apache.hadoop:hadoop-client-runtime:3."),
          message);
      assertTrue(message.contains("or write ARROW"), message);
    }
    assertTrue(
        steps.get("PARQUET_WRITE").contains("CheckpointIO.write(\"orders\")"),
        steps.get("PARQUET_WRITE"));
    assertTrue(
        steps.get("PARQUET_READ").contains("CheckpointIO.read(\"parquet\")"),
        steps.get("PARQUET_READ"));

    List<String> made =
        TestPipelines.filesUnder(root).stream().filter(f -> !before.contains(f)).toList();
    assertTrue(
        made.stream().allMatch(f -> f.startsWith("runs/r-1/arrow/")),
        "only the ARROW write made files: " + made);
  }

  private static String run(List<String> command) throws Exception {
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try {
                child.getInputStream().transferTo(output);
              } catch (java.io.IOException ended) {
                // the child is gone
              }
            });
    drain.start();
    try {
      assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the child ran past 3 minutes");
    } finally {
      child.destroyForcibly();
    }
    drain.join(10_000);
    return output.toString(StandardCharsets.UTF_8);
  }
}
