package org.checkpointio.storage.gcs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP message as the GCS JSON API nests them in multipart bodies: an optional start line
 * ({@code DELETE http://... HTTP/1.1} in a batch, {@code HTTP/1.1 204 No Content} in its answer),
 * headers, a blank line and a body. Also parses and renders the multipart bodies themselves (RFC
 * 2046: {@code multipart/related} uploads and {@code multipart/mixed} batches).
 *
 * @param headers header names in lower case
 */
record HttpMessage(String startLine, Map<String, String> headers, byte[] body) {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.ISO_8859_1);

  HttpMessage {
    Map<String, String> lower = new LinkedHashMap<>();
    headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
    headers = lower;
  }

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** Parses a message; {@code withStartLine} says whether its first line is a start line. */
  static HttpMessage parse(byte[] bytes, boolean withStartLine) {
    int[] position = {0};
    String startLine = withStartLine ? readLine(bytes, position) : null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(bytes, position);
        !line.isEmpty();
        line = readLine(bytes, position)) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
    }
    return new HttpMessage(
        startLine, headers, Arrays.copyOfRange(bytes, position[0], bytes.length));
  }

  /** The line at {@code position[0]} without its line break (empty at the end); moves past it. */
  private static String readLine(byte[] bytes, int[] position) {
    int start = position[0];
    int end = start;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    position[0] = Math.min(bytes.length, end + 1);
    int length = end > start && bytes[end - 1] == '\r' ? end - 1 - start : end - start;
    return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (startLine != null) {
      out.writeBytes(startLine.getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(CRLF);
    }
    headers.forEach(
        (name, value) -> {
          out.writeBytes((name + ": " + value).getBytes(StandardCharsets.ISO_8859_1));
          out.writeBytes(CRLF);
        });
    out.writeBytes(CRLF);
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** The parts of a multipart body: each is headers, a blank line, and content. */
  static List<HttpMessage> parseMultipart(byte[] body, String boundary) {
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] separator = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int position = indexOf(body, delimiter, 0);
    if (position < 0) {
      throw new IllegalArgumentException("The body has no boundary " + boundary);
    }
    position += delimiter.length;
    List<HttpMessage> parts = new ArrayList<>();
    while (!(position + 1 < body.length && body[position] == '-' && body[position + 1] == '-')) {
      position += body[position] == '\r' ? 2 : 1; // the line break after the boundary
      int end = indexOf(body, separator, position);
      if (end < 0) {
        throw new IllegalArgumentException("A part does not end with boundary " + boundary);
      }
      parts.add(parse(Arrays.copyOfRange(body, position, end), false));
      position = end + separator.length;
    }
    return parts;
  }

  static byte[] renderMultipart(List<HttpMessage> parts, String boundary) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (HttpMessage part : parts) {
      out.writeBytes(("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(CRLF);
      out.writeBytes(part.toBytes());
      out.writeBytes(CRLF);
    }
    out.writeBytes(("--" + boundary + "--").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(CRLF);
    return out.toByteArray();
  }

  /** The {@code boundary} parameter of a multipart content type. */
  static String boundaryOf(String contentType) {
    for (String parameter : contentType.split(";")) {
      String[] nameValue = parameter.trim().split("=", 2);
      if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("boundary")) {
        return nameValue[1].replace("\"", "");
      }
    }
    throw new IllegalArgumentException("No boundary in content type " + contentType);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
