package org.checkpointio.cli;

import java.io.PrintWriter;
import org.checkpointio.DeleteProgress;

/**
 * Prints {@code deleting DIR: N of M files} to stderr after each batch but the last, so a long
 * deletion shows it is moving; a tree of one batch prints nothing here.
 */
final class DeletionProgressLine implements DeleteProgress {
  private final PrintWriter err;

  DeletionProgressLine(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void batchDone(String directory, long filesDone, long filesTotal) {
    if (filesDone < filesTotal) {
      err.printf("deleting %s: %d of %s%n", directory, filesDone, Plural.of(filesTotal, "file"));
      err.flush();
    }
  }
}
