package org.checkpointio.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server on 127.0.0.1 that records the first line of every request it gets ({@code PUT
 * /latest/api/token HTTP/1.1}, or {@code CONNECT host:443 HTTP/1.1} as a proxy) and answers each
 * with 404: what a command's JVM sends to a metadata service or a proxy pointed here. Connections
 * are served one at a time, each read for 5 s at most.
 */
final class RequestRecorder implements AutoCloseable {
  private static final int READ_TIMEOUT_MILLIS = 5_000;

  private final ServerSocket server;
  private final Thread accepting;
  private final List<String> requests = new ArrayList<>();

  private RequestRecorder(ServerSocket server) {
    this.server = server;
    this.accepting = new Thread(this::serve, "request-recorder");
    accepting.setDaemon(true);
  }

  static RequestRecorder start() throws IOException {
    RequestRecorder recorder =
        new RequestRecorder(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
    recorder.accepting.start();
    return recorder;
  }

  /** {@code 127.0.0.1:PORT}. */
  String hostAndPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  int port() {
    return server.getLocalPort();
  }

  /** The request lines so far; a connection that sent none is recorded as {@code (no request)}. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve() {
    while (true) {
      Socket accepted;
      try {
        accepted = server.accept();
      } catch (IOException closed) {
        return;
      }
      try (Socket connection = accepted) {
        connection.setSoTimeout(READ_TIMEOUT_MILLIS);
        record(connection);
      } catch (IOException e) {
        synchronized (this) {
          requests.add("(failed: " + e + ")");
        }
      }
    }
  }

  private void record(Socket connection) throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
    String line = in.readLine();
    synchronized (this) {
      requests.add(line == null ? "(no request)" : line);
    }
    while (line != null && !line.isEmpty()) {
      line = in.readLine(); // the headers
    }
    OutputStream out = connection.getOutputStream();
    out.write(
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    server.close();
    accepting.join(READ_TIMEOUT_MILLIS * 2L);
  }
}
