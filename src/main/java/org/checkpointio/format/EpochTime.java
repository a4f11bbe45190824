package org.checkpointio.format;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Exact conversions between java.time values and counts since the epoch, as file formats store
 * them. A value that does not fit throws {@link ArithmeticException} rather than wrapping.
 */
public final class EpochTime {
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochTime() {}

  /** Microseconds since the epoch; nanoseconds below a microsecond are dropped. */
  public static long epochMicros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND), instant.getNano() / 1_000);
  }

  public static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L);
  }

  /** Nanoseconds since 1970-01-01T00:00 of a wall-clock date-time, read as if it were UTC. */
  public static long epochNanos(LocalDateTime dateTime) {
    return Math.addExact(
        Math.multiplyExact(dateTime.toEpochSecond(ZoneOffset.UTC), NANOS_PER_SECOND),
        dateTime.getNano());
  }

  public static LocalDateTime localDateTimeOfNanos(long nanos) {
    return LocalDateTime.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND),
        (int) Math.floorMod(nanos, NANOS_PER_SECOND),
        ZoneOffset.UTC);
  }
}
