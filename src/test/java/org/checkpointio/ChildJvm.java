package org.checkpointio;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The command that starts a class's {@code main} in a child JVM with this JVM's class path. */
public final class ChildJvm {
  private static final Pattern OTHER_RUNNERS =
      Pattern.compile(
          "^(beam-runners-(flink|spark)|flink-|spark-|akka|pekko|chill)|scala|_2\\.1[0-3]");

  private ChildJvm() {}

  /**
   * {@code java}, this JVM's {@code --add-opens} and {@code --add-exports} (or none), a small
   * heap, and the class path; the caller adds the main class and its arguments.
   */
  public static List<String> java(boolean withOpens) {
    return java(withOpens, null);
  }

  /**
   * As {@link #java(boolean)}, with the jars whose file names match {@code without} also left off
   * the class path (none if null).
   */
  public static List<String> java(boolean withOpens, Pattern without) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (withOpens) {
      for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
          command.add(argument);
        }
      }
    }
    command.add("-Xmx512m");
    command.add("-XX:TieredStopAtLevel=1"); // small jobs: start fast rather than peak fast
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classPath(without));
    return command;
  }

  /**
   * This JVM's class path (Surefire names it in a property of its own, and gives the JVM only a
   * jar pointing to it) without the Flink and Spark runners and what only they use: children run
   * on the DirectRunner, and every options class on the path costs start-up time.
   */
  private static String classPath(Pattern without) {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> kept = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      Path file = Path.of(entry).getFileName();
      if (file == null
          || !(OTHER_RUNNERS.matcher(file.toString()).find()
              || (without != null && without.matcher(file.toString()).find()))) {
        kept.add(entry);
      }
    }
    return String.join(File.pathSeparator, kept);
  }
}
