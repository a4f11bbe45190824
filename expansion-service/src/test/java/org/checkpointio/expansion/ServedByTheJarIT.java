package org.checkpointio.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar, as built, serves CheckpointIO's schema transforms: its merged service files
 * register the library's providers beside Beam's, and its classes expand one. Runs {@link
 * ExpandFromTheJar} in a child JVM on the jar alone (plus that class); no server is started.
 */
class ServedByTheJarIT {
  @Test
  void theJarServesTheThreeTransformsAndExpandsOne() throws Exception {
    Path jar = Path.of(System.getProperty("expansion.service.jar"));
    assertTrue(Files.isRegularFile(jar), "built by the package phase: " + jar);
    Path log = Files.createTempFile("expand-from-the-jar", ".log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.disableEc2Metadata=true",
                "-cp",
                jar + File.pathSeparator + System.getProperty("test.classes"),
                ExpandFromTheJar.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "finished within 2 minutes");
    } finally {
      child.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), output);
    List<String> facts =
        output.lines().filter(line -> line.matches("(served|error|output) .*")).toList();
    assertEquals(
        List.of(
            "served beam:schematransform:org.checkpointio:checkpoint_cleanup:v1"
                + " [correlation_id, fail_on_error, root, run_id, scopes]",
            "served beam:schematransform:org.checkpointio:checkpoint_read:v1"
                + " [columns, correlation_id, name, root, run_id]",
            "served beam:schematransform:org.checkpointio:checkpoint_write:v1"
                + " [append, batch_rows, compression, correlation_id, format, lenient_schema,"
                + " name, num_shards, root, row_group_bytes, run_id, scope]",
            "error true",
            "output [directory, files_deleted, bytes_deleted, failures]"),
        facts,
        output);
    Files.delete(log);
  }
}
