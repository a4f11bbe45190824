package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.checkpointio.layout.PathSegment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Ids and names become exactly one path segment, reversibly. */
class PathSegmentTest {
  @ParameterizedTest
  @CsvSource({
    "orders, orders",
    "daily/2026-11-23, daily%2F2026-11-23",
    "../../x, ..%2F..%2Fx",
    "a b*c?, a%20b%2Ac%3F",
    "g[1]{a\\b}, g%5B1%5D%7Ba%5Cb%7D",
    "Ünï_~.-, %C3%9Cn%C3%AF_~.-",
    "100%, 100%25",
    "bad%zz, bad%25zz"
  })
  void encodesReservedCharactersAndDecodesBack(String value, String encoded) {
    assertEquals(encoded, PathSegment.encode("runId", value));
    assertEquals(Optional.of(value), PathSegment.decode("runId", encoded));
  }

  /** Directories someone else made under runs/ decode to nothing, so tools skip them. */
  @ParameterizedTest
  @ValueSource(
      strings = {"bad%zz", "%4", "x%", "%41", "x%2f", "a b", "g[1]", "..", "%2E%2E", "Ü", "a%C3"})
  void segmentsThatNoValueEncodesToDecodeToNothing(String segment) {
    assertEquals(Optional.empty(), PathSegment.decode("runId", segment));
  }
}
