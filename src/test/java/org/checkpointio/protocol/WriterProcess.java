package org.checkpointio.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.checkpointio.ChildJvm;

/**
 * A {@link CheckpointWriterMain} in a child JVM: its output is read line by line as it comes, so
 * that a test can wait for a line and kill the child with SIGKILL at once. Closing it kills the
 * child if it still runs: no test leaves a process behind.
 */
final class WriterProcess implements AutoCloseable {
  /** The longest any one child may take; every wait is bounded by it. */
  static final long TIMEOUT_MILLIS = 120_000;

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private WriterProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readLines, "writer-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a child JVM writing as {@code args} says, with this JVM's class path and opens. */
  static WriterProcess start(CheckpointWriterMain.WriterArgs args) throws IOException {
    List<String> command = ChildJvm.java(true);
    command.add(CheckpointWriterMain.class.getName());
    command.addAll(List.of(args.toArgs()));
    return new WriterProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException killed) {
      // The stream closes when the child dies.
    } finally {
      synchronized (lines) {
        lines.add(null); // end of output
        lines.notifyAll();
      }
    }
  }

  /**
   * Waits until the child prints a line matching {@code line}; empty if it ended, or {@code
   * timeoutMillis} passed, first.
   */
  Optional<String> awaitLine(Predicate<String> line, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    int seen = 0;
    synchronized (lines) {
      while (true) {
        for (; seen < lines.size(); seen++) {
          String next = lines.get(seen);
          if (next == null) {
            return Optional.empty();
          }
          if (line.test(next)) {
            return Optional.of(next);
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return Optional.empty();
        }
        lines.wait(left);
      }
    }
  }

  /** Kills the child with SIGKILL now, and waits until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly(); // SIGKILL on Linux and macOS
    if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("writer " + process.pid() + " survived SIGKILL");
    }
  }

  /** Waits for the child to end by itself; returns its outcome. */
  Outcome awaitExit() throws InterruptedException {
    if (!process.waitFor(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("writer ran past " + TIMEOUT_MILLIS + " ms:\n" + output());
    }
    reader.join(TIMEOUT_MILLIS);
    return new Outcome(process.exitValue(), output());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    synchronized (lines) {
      StringBuilder text = new StringBuilder();
      for (String line : lines) {
        if (line != null) {
          text.append(line).append('\n');
        }
      }
      return text.toString();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** How a child that ran to its end ended. */
  record Outcome(int exitCode, String output) {
    boolean committed() {
      return exitCode == 0 && output.contains("RESULT committed");
    }

    boolean lostTheRace() {
      return exitCode == CheckpointWriterMain.CONCURRENT && output.contains("RESULT concurrent");
    }

    /** The message of the {@code ConcurrentCheckpointWriteException} the child failed with. */
    String concurrentMessage() {
      int at = output.indexOf("RESULT concurrent ");
      return at < 0 ? "" : output.substring(at + "RESULT concurrent ".length()).strip();
    }
  }
}
