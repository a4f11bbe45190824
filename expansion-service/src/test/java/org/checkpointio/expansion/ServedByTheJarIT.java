package org.checkpointio.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.model.expansion.v1.ExpansionApi;
import org.apache.beam.model.expansion.v1.ExpansionServiceGrpc;
import org.apache.beam.vendor.grpc.v1p60p1.io.grpc.ManagedChannel;
import org.apache.beam.vendor.grpc.v1p60p1.io.grpc.ManagedChannelBuilder;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar, as built, serves CheckpointIO's schema transforms: its merged service files
 * register the library's providers beside Beam's, its classes expand one ({@link
 * ExpandFromTheJar} in a child JVM on the jar alone, no server), and {@code java -jar} starts a
 * server on the loopback interface that answers discovery over gRPC.
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

  private static final Pattern LISTENING =
      Pattern.compile("CheckpointIO expansion service listening on (\\S+):(\\d+)");

  @Test
  void javaDashJarServesOnTheLoopbackInterface() throws Exception {
    Path jar = Path.of(System.getProperty("expansion.service.jar"));
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daws.disableEc2Metadata=true",
                "-jar",
                jar.toString(),
                "0")
            .redirectErrorStream(true)
            .start();
    try {
      Matcher listening = null;
      BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      for (String line = lines.readLine();
          line != null && System.nanoTime() < deadline;
          line = lines.readLine()) {
        Matcher matcher = LISTENING.matcher(line);
        if (matcher.find()) {
          listening = matcher;
          break;
        }
      }
      assertTrue(listening != null, "the server said where it listens");
      assertEquals("127.0.0.1", listening.group(1), "loopback by default");
      int port = Integer.parseInt(listening.group(2));
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      try {
        ExpansionApi.DiscoverSchemaTransformResponse discovered =
            ExpansionServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .discoverSchemaTransform(
                    ExpansionApi.DiscoverSchemaTransformRequest.getDefaultInstance());
        TreeSet<String> ours = new TreeSet<>();
        for (String identifier : discovered.getSchemaTransformConfigsMap().keySet()) {
          if (identifier.startsWith("beam:schematransform:org.checkpointio:")) {
            ours.add(identifier);
          }
        }
        assertEquals(
            List.of(
                "beam:schematransform:org.checkpointio:checkpoint_cleanup:v1",
                "beam:schematransform:org.checkpointio:checkpoint_read:v1",
                "beam:schematransform:org.checkpointio:checkpoint_write:v1"),
            List.copyOf(ours));
      } finally {
        channel.shutdownNow();
      }
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }
}
