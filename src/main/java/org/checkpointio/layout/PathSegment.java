package org.checkpointio.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Encodes a run id, correlation id or checkpoint name into exactly one path segment.
 *
 * <p>RFC 3986 unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) pass through; every other
 * UTF-8 byte becomes {@code %XX}. So no value can contain a separator or a glob character once
 * encoded, and {@code ../../x} stays one harmless segment ({@code ..%2F..%2Fx}). Encoding is
 * reversible with {@link #decode}.
 */
public final class PathSegment {
  /** The longest encoded segment accepted, in bytes; object stores and file systems cap names. */
  public static final int MAX_ENCODED_BYTES = 200;

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PathSegment() {}

  /**
   * Returns the encoded segment for {@code value}.
   *
   * @param label what the value is, for the error message (e.g. {@code "runId"})
   * @throws IllegalArgumentException if the value is null, empty, {@code .} or {@code ..}, holds
   *     a control character, or encodes to more than {@value #MAX_ENCODED_BYTES} bytes
   */
  public static String encode(String label, String value) {
    if (value == null || value.isEmpty()) {
      throw invalid(label, value, "it is empty; give a non-empty " + label);
    }
    if (value.equals(".") || value.equals("..")) {
      throw invalid(label, value, "'.' and '..' name directories, not checkpoints; choose another");
    }
    if (value.codePoints().anyMatch(Character::isISOControl)) {
      throw invalid(label, value, "it contains a control character; remove it");
    }
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if (isUnreserved(c)) {
        out.append(c);
      } else {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
      }
    }
    if (out.length() > MAX_ENCODED_BYTES) {
      throw invalid(
          label,
          value,
          String.format(
              "it encodes to %d bytes, over the limit of %d; use a shorter %s",
              out.length(), MAX_ENCODED_BYTES, label));
    }
    return out.toString();
  }

  /**
   * Reverses {@link #encode}, for tools that list trees and print the original ids.
   *
   * @return the value whose encoding is exactly {@code segment}; empty if no value encodes to it
   *     (a directory someone else made, such as {@code bad%zz}, {@code %41} or {@code a b})
   */
  public static Optional<String> decode(String label, String segment) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
      int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
      if (low < 0) {
        return Optional.empty();
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    String value = bytes.toString(StandardCharsets.UTF_8);
    try {
      return encode(label, value).equals(segment) ? Optional.of(value) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isUnreserved(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static String escapeControls(String value) {
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04X", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.toString();
  }

  private static IllegalArgumentException invalid(String label, String value, String why) {
    String shown = value == null ? "null" : "'" + escapeControls(value) + "'";
    return new IllegalArgumentException(
        String.format("Invalid %s %s: %s.", label, shown, why));
  }
}
