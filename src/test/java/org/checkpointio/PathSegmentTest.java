package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.checkpointio.layout.PathSegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ids and names become exactly one path segment, reversibly. */
class PathSegmentTest {
  @ParameterizedTest
  @CsvSource({
    "orders, orders",
    "daily/2026-11-23, daily%2F2026-11-23",
    "../../x, ..%2F..%2Fx",
    "a b*c?, a%20b%2Ac%3F",
    "Ünï_~.-, %C3%9Cn%C3%AF_~.-",
    "100%, 100%25"
  })
  void encodesReservedCharactersAndDecodesBack(String value, String encoded) {
    assertEquals(encoded, PathSegment.encode("runId", value));
    assertEquals(value, PathSegment.decode(encoded));
  }
}
