package org.checkpointio.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Asks on stdin before a command deletes, as {@code rm -i} does; no answer means no. */
final class Confirmation {
  /** What a command prints to stderr, after its name, when the answer was not yes. */
  static final String NOT_CONFIRMED = "not deleted; answer y, or pass --yes";

  private Confirmation() {}

  /** Prints {@code question} and reads one line: true for {@code y} or {@code yes}, any case. */
  static boolean ask(PrintWriter out, String question) throws IOException {
    out.print(question);
    out.flush();
    String answer =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (answer == null) {
      out.println();
      return false;
    }
    String normalized = answer.trim().toLowerCase(Locale.ROOT);
    return normalized.equals("y") || normalized.equals("yes");
  }
}
