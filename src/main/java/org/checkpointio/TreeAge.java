package org.checkpointio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;

/**
 * Ages as operators write them: a whole number and a unit, {@code 90s}, {@code 30m}, {@code 72h} or
 * {@code 7d}. The sweep's {@code olderThan} in the Flex Template and the command line take this
 * form, and the command line prints ages in it.
 */
public final class TreeAge {
  /** The accepted form, as a regular expression (also the Flex Template parameter's regex). */
  public static final String PATTERN = "^[1-9][0-9]{0,8}[smhd]$";

  private static final Pattern AGE = Pattern.compile(PATTERN);

  private TreeAge() {}

  /**
   * Parses an age such as {@code 72h}.
   *
   * @throws IllegalArgumentException naming the value and the accepted form, if it is not one
   */
  public static Duration parse(String text) {
    Matcher age = text == null ? null : AGE.matcher(text.trim());
    if (age == null || !age.matches()) {
      throw new IllegalArgumentException(
          String.format(
              "'%s' is not an age: write a positive whole number and a unit s, m, h or d, "
                  + "e.g. 30m, 72h or 7d",
              text));
    }
    String value = text.trim();
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    switch (value.charAt(value.length() - 1)) {
      case 's':
        return Duration.standardSeconds(amount);
      case 'm':
        return Duration.standardMinutes(amount);
      case 'h':
        return Duration.standardHours(amount);
      default:
        return Duration.standardDays(amount);
    }
  }

  /**
   * An age in the form {@link #parse} reads, in the largest unit that holds it whole: {@code 1h},
   * {@code 90m}, {@code 3d}; for messages that tell operators what to write. Sub-second parts are
   * dropped.
   */
  public static String text(Duration age) {
    long seconds = Math.max(1, age.getStandardSeconds());
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /**
   * An age in its two largest units, rounded down: {@code 42s}, {@code 5m}, {@code 3h 5m}, {@code
   * 4d 2h}. Negative ages (clock skew) print as {@code 0s}.
   */
  public static String format(Duration age) {
    long seconds = Math.max(0, age.getStandardSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m";
    }
    return seconds + "s";
  }
}
