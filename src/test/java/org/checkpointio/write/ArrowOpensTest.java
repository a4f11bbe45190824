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
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.ChildJvm;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a JVM without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}, an ARROW write or read
 * fails before it makes any file, saying what to pass on each runner: while the pipeline is built
 * on the DirectRunner, before a worker of any other runner leaves the marker or a shard file.
 * PARQUET needs no flag.
 */
class ArrowOpensTest {
  @TempDir Path root;

  @Test
  void withoutTheFlagArrowFailsFirstSayingWhatToPassAndLeavesNoFile() throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "r-1");
    Pipeline written = TestPipelines.create();
    written
        .apply(Create.of(TestRows.orders(0, 3)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("written").to(context).withFormat(CheckpointFormat.ARROW));
    TestPipelines.run(written);
    List<String> before = TestPipelines.filesUnder(root);

    List<String> command = ChildJvm.java(false);
    command.add(WithoutArrowOpensMain.class.getName());
    command.addAll(List.of(root.toString(), "r-1"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        child.getInputStream().transferTo(output);
      } catch (java.io.IOException ended) {
        // the child is gone
      }
    });
    drain.start();
    try {
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child ran past 2 minutes");
    } finally {
      child.destroyForcibly();
    }
    drain.join(10_000);
    Map<String, String> steps = new HashMap<>();
    for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0 && line.substring(0, colon).matches("[A-Z]+")) {
        steps.put(line.substring(0, colon), line.substring(colon + 2));
      }
    }
    String all = output.toString(StandardCharsets.UTF_8);
    for (String step : List.of("WRITE", "READ", "SHARD")) {
      String message = steps.getOrDefault(step, "(no line)\n" + all);
      assertTrue(message.startsWith("IllegalStateException"), step + ": " + message);
      assertTrue(message.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), message);
      assertTrue(message.contains("--jdkAddOpenModules=java.base/java.nio=ALL-UNNAMED"), message);
      assertTrue(message.contains("spark.executor.extraJavaOptions"), message);
      assertTrue(message.contains("env.java.opts.all"), message);
    }
    assertTrue(steps.get("WRITE").contains("CheckpointIO.write(\"orders\")"), steps.get("WRITE"));
    assertTrue(steps.get("READ").contains("CheckpointIO.read(\"written\")"), steps.get("READ"));
    assertEquals("ok", steps.get("PARQUET"), all);

    List<String> after = TestPipelines.filesUnder(root);
    List<String> made = after.stream().filter(f -> !before.contains(f)).toList();
    assertTrue(
        made.stream().allMatch(f -> f.startsWith("runs/r-1/parquet/")),
        "only the PARQUET write made files: " + made);
  }
}
