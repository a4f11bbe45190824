package org.checkpointio.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The library's and the templates' log lines, as a Dataflow job would show them: slf4j goes to
 * java.util.logging (slf4j-jdk14), and this handler listens under {@code org.checkpointio}.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {
  private static final Logger CHECKPOINTIO = Logger.getLogger("org.checkpointio");
  private final List<String> messages = new ArrayList<>();

  private CapturedLogs() {
    setLevel(Level.ALL);
  }

  public static CapturedLogs start() {
    CapturedLogs logs = new CapturedLogs();
    CHECKPOINTIO.setLevel(Level.INFO);
    CHECKPOINTIO.addHandler(logs);
    return logs;
  }

  public synchronized List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void publish(LogRecord record) {
    messages.add(record.getMessage());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    CHECKPOINTIO.removeHandler(this);
  }
}
