package org.checkpointio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A Python virtual environment with the packages of {@code src/test/python/requirements.txt}
 * (pyarrow, Polars, DuckDB, pytest), made once per build under {@code target/python-venv} and
 * reused while that file is unchanged. The packages come from the machine's configured pip index
 * (a plain {@code pip install}).
 */
public final class PythonEnvironment {
  static final Path SOURCES = Path.of("src", "test", "python");
  private static final Path REQUIREMENTS = SOURCES.resolve("requirements.txt");
  // target/ of the project itself, not the build directory: the Beam 2.72 build shares it.
  private static final Path VENV = Path.of("target", "python-venv");
  private static final Path INSTALLED = VENV.resolve("requirements.installed");
  private static final long INSTALL_MINUTES = 20;

  private final Path python;

  private PythonEnvironment(Path python) {
    this.python = python;
  }

  /**
   * The environment, made if it is missing or stale. Skips the calling test if there is no
   * {@code python3}; fails it if the environment cannot be made or the packages installed.
   */
  public static synchronized PythonEnvironment get() throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        python3Runs(),
        "python3 is not on the PATH: outside-reader checks (pyarrow, Polars, DuckDB) not run");
    Path python = VENV.resolve("bin").resolve("python").toAbsolutePath();
    String wanted = Files.readString(REQUIREMENTS);
    if (Files.isExecutable(python)
        && Files.exists(INSTALLED)
        && Files.readString(INSTALLED).equals(wanted)) {
      return new PythonEnvironment(python);
    }
    deleteTree(VENV);
    Files.createDirectories(VENV.getParent());
    mustSucceed(
        run(
            List.of("python3", "-m", "venv", VENV.toString()),
            Map.of(),
            VENV.resolveSibling("python-venv.log"),
            5),
        "python3 -m venv");
    mustSucceed(
        run(
            List.of(
                python.toString(), "-m", "pip", "install", "-r", REQUIREMENTS.toString()),
            Map.of(),
            VENV.resolveSibling("python-pip-install.log"),
            INSTALL_MINUTES),
        "pip install -r " + REQUIREMENTS);
    Files.writeString(INSTALLED, wanted);
    return new PythonEnvironment(python);
  }

  /** Runs pytest on {@code tests} (relative to {@link #SOURCES}) with {@code environment}. */
  Result pytest(List<String> tests, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    List<String> arguments =
        new ArrayList<>(List.of("-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEsxX"));
    tests.forEach(test -> arguments.add(SOURCES.resolve(test).toString()));
    return python(arguments, environment, log);
  }

  /** Runs pytest on the test files or directories {@code tests} with {@code environment}. */
  public Result pytestAt(List<Path> tests, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    List<String> arguments =
        new ArrayList<>(List.of("-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfEsxX"));
    tests.forEach(test -> arguments.add(test.toString()));
    return python(arguments, environment, log);
  }

  /** Runs the environment's {@code python} with {@code arguments}; its output goes to {@code log}. */
  public Result python(List<String> arguments, Map<String, String> environment, Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(python.toString()));
    command.addAll(arguments);
    return run(command, environment, log, 5);
  }

  /** What a process did: its exit code and everything it printed. */
  public record Result(List<String> command, int exitCode, String output) {
    public String describe() {
      return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
    }
  }

  private static boolean python3Runs() throws InterruptedException {
    try {
      Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false; // no such program
    }
  }

  private static Result run(
      List<String> command, Map<String, String> environment, Path log, long minutes)
      throws IOException, InterruptedException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.deleteIfExists(log);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    // Nothing compiled lands beside the sources.
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " ran over " + minutes + " minutes; output in " + log);
    }
    return new Result(
        command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private static void mustSucceed(Result result, String what) {
    if (result.exitCode() != 0) {
      fail(what + " failed: the Python environment for the outside-reader checks could not be"
          + " made\n" + result.describe());
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
