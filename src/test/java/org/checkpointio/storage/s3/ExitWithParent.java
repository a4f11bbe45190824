package org.checkpointio.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Runs another program's {@code main} and halts this JVM when its standard input closes, which
 * happens when the process that started it exits, even if it was killed. So a server that tests
 * start in a child JVM never outlives them.
 *
 * <p>Usage: {@code java -cp ... org.checkpointio.storage.s3.ExitWithParent MAIN_CLASS ARGS...}
 */
public final class ExitWithParent {
  private ExitWithParent() {}

  public static void main(String[] args) throws Exception {
    Thread watchdog =
        new Thread(
            () -> {
              try (InputStream in = System.in) {
                while (in.read() != -1) {
                  // Nothing is sent; only the end of the stream matters.
                }
              } catch (IOException e) {
                // A broken pipe means the same as end of stream.
              }
              Runtime.getRuntime().halt(0);
            },
            "exit-with-parent");
    watchdog.setDaemon(true);
    watchdog.start();
    Class.forName(args[0])
        .getMethod("main", String[].class)
        .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
  }
}
