package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/** Ages as operators write them (72h) parse exactly, and anything else says what to write. */
class TreeAgeTest {
  @Test
  void parsesAWholeNumberAndAUnit() {
    assertEquals(Duration.standardSeconds(90), TreeAge.parse("90s"));
    assertEquals(Duration.standardMinutes(30), TreeAge.parse("30m"));
    assertEquals(Duration.standardHours(72), TreeAge.parse("72h"));
    assertEquals(Duration.standardDays(7), TreeAge.parse("7d"));
  }

  @Test
  void rejectsAnythingElseNamingTheValueAndTheForm() {
    for (String bad : new String[] {"", "72", "h", "0h", "-1h", "1.5h", "72 h", "3 days", "7w"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TreeAge.parse(bad));
      assertEquals(
          "'"
              + bad
              + "' is not an age: write a positive whole number and a unit s, m, h or d,"
              + " e.g. 30m, 72h or 7d",
          e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TreeAge.parse(null));
  }

  @Test
  void formatsAnAgeInItsTwoLargestUnits() {
    assertEquals("0s", TreeAge.format(Duration.millis(-5_000)));
    assertEquals("42s", TreeAge.format(Duration.standardSeconds(42)));
    assertEquals("5m", TreeAge.format(Duration.standardSeconds(5 * 60 + 59)));
    assertEquals("3h 5m", TreeAge.format(Duration.standardMinutes(3 * 60 + 5)));
    assertEquals("4d 2h", TreeAge.format(Duration.standardHours(4 * 24 + 2).plus(59_000)));
  }
}
