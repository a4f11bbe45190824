package org.checkpointio.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs target/checkpoint.jar as a separate process, as an operator would. */
final class CheckpointProcess {
  private static final String JAR = System.getProperty("checkpoint.jar");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  record Result(int exitCode, List<String> out, List<String> err) {
    String describe() {
      return "exit "
          + exitCode
          + "\nstdout:\n"
          + String.join("\n", out)
          + "\nstderr:\n"
          + String.join("\n", err);
    }

    /** Stdout, each line trimmed and its runs of spaces made one: table cells, not alignment. */
    List<String> collapsedOut() {
      return out.stream().map(line -> line.trim().replaceAll("\\s+", " ")).toList();
    }

    /** Stdout as one JSON document: text before or after it fails, as no document does. */
    JsonNode json() throws IOException {
      if (out.isEmpty()) {
        throw new AssertionError("no JSON on stdout; " + describe());
      }
      return JSON.readTree(String.join("\n", out));
    }
  }

  /**
   * How the jar's JVM starts: extra environment variables, inherited ones it goes without, JVM
   * options, and classpath entries after the jar. With no entries it is {@code java -jar
   * checkpoint.jar}, as {@code cli/checkpoint} runs it; with some, {@code java -cp
   * checkpoint.jar:ENTRIES} and the main class the jar's manifest names.
   */
  record Launch(
      Map<String, String> environment,
      List<String> removedEnvironment,
      List<String> jvmOptions,
      List<String> classpath) {
    static final Launch PLAIN = new Launch(Map.of(), List.of(), List.of(), List.of());

    Launch withEnvironment(String name, String value) {
      Map<String, String> more = new HashMap<>(environment);
      more.put(name, value);
      return new Launch(Map.copyOf(more), removedEnvironment, jvmOptions, classpath);
    }

    /** Without the variable {@code name}, even if this JVM has it. */
    Launch withoutEnvironment(String name) {
      return new Launch(environment, append(removedEnvironment, name), jvmOptions, classpath);
    }

    Launch withJvmOption(String option) {
      return new Launch(environment, removedEnvironment, append(jvmOptions, option), classpath);
    }

    Launch withClasspath(String entry) {
      return new Launch(environment, removedEnvironment, jvmOptions, append(classpath, entry));
    }

    Result run(String... args) throws IOException, InterruptedException {
      return start(this, null, args);
    }

    private static List<String> append(List<String> list, String element) {
      List<String> more = new ArrayList<>(list);
      more.add(element);
      return List.copyOf(more);
    }

    private List<String> command(String... args) {
      // A short-lived JVM starts faster on the C1 compiler alone.
      List<String> command =
          new ArrayList<>(List.of("java", "-Xmx512m", "-XX:TieredStopAtLevel=1"));
      command.addAll(jvmOptions);
      if (classpath.isEmpty()) {
        command.addAll(List.of("-jar", JAR));
      } else {
        List<String> entries = new ArrayList<>(List.of(JAR));
        entries.addAll(classpath);
        command.addAll(
            List.of(
                "-cp",
                String.join(File.pathSeparator, entries),
                CheckpointCommand.class.getName()));
      }
      command.addAll(List.of(args));
      return command;
    }
  }

  private CheckpointProcess() {}

  static Result run(String... args) throws IOException, InterruptedException {
    return runWithInput(null, args);
  }

  /** Runs with {@code input} on stdin; null closes stdin at once (no terminal, no answer). */
  static Result runWithInput(String input, String... args)
      throws IOException, InterruptedException {
    return start(Launch.PLAIN, input, args);
  }

  /** Runs with extra environment variables. */
  static Result runWithEnvironment(Map<String, String> environment, String input, String... args)
      throws IOException, InterruptedException {
    return start(new Launch(environment, List.of(), List.of(), List.of()), input, args);
  }

  private static Result start(Launch launch, String input, String... args)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("checkpoint-out", ".txt");
    Path err = Files.createTempFile("checkpoint-err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(launch.command(args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeAll(launch.removedEnvironment());
    builder.environment().putAll(launch.environment());
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
