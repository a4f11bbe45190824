package org.checkpointio.storage.s3;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An S3 API server on 127.0.0.1 for tests: S3Proxy with its in-memory ("transient") blob store, run
 * as a separate JVM because inside the test JVM its Jackson and AWS SDK clash with Beam's.
 *
 * <p>The build fetches S3Proxy's self-contained jar into {@code target/s3proxy/} and tells the
 * tests where it is with the system property {@code s3proxy.jar}. {@link #start} picks a free port,
 * writes a properties file, and waits until the port accepts connections. The server stops on
 * {@link #close}, on JVM exit, and (through {@link ExitWithParent}) when this JVM dies any other
 * way.
 *
 * <p>The server logs every request it receives, so tests can count the requests of one kind.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "checkpointio-test";
  public static final String SECRET_KEY = "checkpointio-test-secret";
  public static final String REGION = "us-east-1";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * S3Proxy logs each request as "request: ...{POST@1a2b http://host:port/bucket?delete HTTP/1.1}".
   */
  private static final Pattern DELETE_OBJECTS_REQUEST =
      Pattern.compile("request: .*\\{POST@\\S+ \\S+\\?delete\\b");

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread stopOnExit;

  private S3ProxyServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.stopOnExit = new Thread(this::stop, "stop-s3proxy");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** Starts S3Proxy on a free port of 127.0.0.1 and returns once it accepts connections. */
  public static S3ProxyServer start() throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "No S3Proxy jar at "
              + jar.toAbsolutePath()
              + ". Run the tests through Maven (mvn test),"
              + " which fetches it in the generate-test-resources phase.");
    }
    Path dir = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "run-");
    int port = freePort();
    Path properties = dir.resolve("s3proxy.properties");
    Files.writeString(
        properties,
        String.join(
            "\n",
            "s3proxy.endpoint=http://127.0.0.1:" + port,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=transient",
            "jclouds.identity=" + ACCESS_KEY,
            "jclouds.credential=" + SECRET_KEY,
            ""));
    // Only S3Proxy's request handler logs at DEBUG: one line per request, nothing per object.
    Path logback = dir.resolve("logback.xml");
    Files.writeString(
        logback,
        String.join(
            "\n",
            "<configuration>",
            "  <appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
            "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{0} %msg%n</pattern></encoder>",
            "  </appender>",
            "  <logger name=\"org.gaul.s3proxy.S3ProxyHandler\" level=\"DEBUG\"/>",
            "  <root level=\"INFO\"><appender-ref ref=\"OUT\"/></root>",
            "</configuration>",
            ""));
    Path log = dir.resolve("s3proxy.log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-Dlogback.configurationFile=" + logback,
            "-cp",
            jar + File.pathSeparator + classpathOf(ExitWithParent.class),
            ExitWithParent.class.getName(),
            "org.gaul.s3proxy.Main",
            "--properties",
            properties.toString());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    S3ProxyServer server = new S3ProxyServer(process, port, log);
    try {
      server.awaitPort();
    } catch (IOException | RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Pipeline options that point Beam's S3 file system at this server. */
  public String[] beamArgs() {
    return new String[] {
      "--endpoint=" + endpoint(),
      "--awsRegion=" + REGION,
      "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\",\"accessKeyId\":\""
          + ACCESS_KEY
          + "\",\"secretAccessKey\":\""
          + SECRET_KEY
          + "\"}",
      "--s3ClientFactoryClass=" + PathStyleS3ClientBuilderFactory.class.getName(),
    };
  }

  /** The DeleteObjects requests ({@code POST /{bucket}?delete}) the server has received so far. */
  public long deleteObjectsRequests() throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> DELETE_OBJECTS_REQUEST.matcher(line).find()).count();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // The JVM is exiting; the hook runs (or ran) stop() itself.
    }
  }

  private void stop() {
    try {
      process.getOutputStream().close(); // ExitWithParent halts the server's JVM
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitPort() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            "S3Proxy exited with "
                + process.exitValue()
                + " while starting:\n"
                + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(
              "S3Proxy did not open port "
                  + port
                  + " within "
                  + STARTUP_TIMEOUT
                  + ":\n"
                  + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    }
  }

  private static String classpathOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
