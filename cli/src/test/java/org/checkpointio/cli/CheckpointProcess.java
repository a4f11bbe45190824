package org.checkpointio.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs target/checkpoint.jar as a separate process, as an operator would. */
final class CheckpointProcess {
  private static final String JAR = System.getProperty("checkpoint.jar");

  record Result(int exitCode, List<String> out, List<String> err) {
    String describe() {
      return "exit "
          + exitCode
          + "\nstdout:\n"
          + String.join("\n", out)
          + "\nstderr:\n"
          + String.join("\n", err);
    }
  }

  private CheckpointProcess() {}

  static Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Runs with {@code input} on stdin; null closes stdin at once (no terminal, no answer). */
  static Result runWithInput(String input, String... args)
      throws IOException, InterruptedException {
    return runWithEnvironment(Map.of(), input, args);
  }

  /** Runs with extra environment variables. */
  static Result runWithEnvironment(Map<String, String> environment, String input, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-jar", JAR));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("checkpoint-out", ".txt");
    Path err = Files.createTempFile("checkpoint-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("checkpoint " + String.join(" ", args) + " did not finish");
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readAllLines(out, StandardCharsets.UTF_8),
            Files.readAllLines(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }
}
