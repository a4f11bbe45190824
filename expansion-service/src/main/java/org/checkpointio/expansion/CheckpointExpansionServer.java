package org.checkpointio.expansion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.beam.sdk.expansion.service.ExpansionServer;
import org.apache.beam.sdk.expansion.service.ExpansionService;

/**
 * Starts Beam's expansion service, with every schema transform on the classpath (CheckpointIO's
 * among them), on the loopback interface unless told otherwise, and serves until the process is
 * stopped.
 *
 * <p>Arguments: {@code <port> [--bindAddress=<host>] [pipeline options...]}, the port first as
 * Beam's own expansion service takes it, so the Python SDK's {@code JavaJarExpansionService} can
 * start this jar. Port 0 picks a free one. {@code --bindAddress} defaults to {@code 127.0.0.1}:
 * Beam's own main listens on every interface, and an expansion service builds whatever
 * transforms it is asked for, so it should be reachable only by the launcher that needs it. The
 * other options go to the expansion service (e.g. {@code --defaultEnvironmentType}).
 */
public final class CheckpointExpansionServer {
  static final String BIND_ADDRESS = "--bindAddress=";
  static final String LOOPBACK = "127.0.0.1";

  private CheckpointExpansionServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].matches("\\d+")) {
      System.err.println(
          "Usage: java -jar checkpointio-expansion-service.jar <port> [--bindAddress=<host>]"
              + " [pipeline options...]   (default host "
              + LOOPBACK
              + ")");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String host = LOOPBACK;
    List<String> options = new ArrayList<>();
    for (String arg : Arrays.asList(args).subList(1, args.length)) {
      if (arg.startsWith(BIND_ADDRESS)) {
        host = arg.substring(BIND_ADDRESS.length());
      } else {
        options.add(arg);
      }
    }
    ExpansionService service = new ExpansionService(options.toArray(String[]::new));
    ExpansionServer server = ExpansionServer.create(service, host, port);
    System.out.println(
        "CheckpointIO expansion service listening on " + server.getHost() + ":" + server.getPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (Exception e) {
                    System.err.println("Stopping the expansion service failed: " + e);
                  } finally {
                    stopped.countDown();
                  }
                }));
    stopped.await();
  }
}
