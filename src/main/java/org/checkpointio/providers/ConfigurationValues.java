package org.checkpointio.providers;

import java.util.Arrays;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointContext;

/**
 * Turns the values of a provider's configuration into the library's, failing with a message that
 * names the field and the value; {@link #rejected} adds the transform's name.
 */
final class ConfigurationValues {
  private ConfigurationValues() {}

  /** {@code value} as a constant of {@code type}, case-insensitively. */
  static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        String.format(
            "%s must be one of %s, but was '%s'",
            field, Arrays.toString(type.getEnumConstants()), value));
  }

  /** The context of root, run id and optional correlation id; ids are checked by the context. */
  static CheckpointContext context(String root, String runId, @Nullable String correlationId) {
    if (root == null || root.isBlank()) {
      throw new IllegalArgumentException(
          String.format(
              "root must be a directory or a file system URI such as gs://bucket/checkpoints, but"
                  + " was '%s'",
              root));
    }
    CheckpointContext context = CheckpointContext.of(root, runId);
    return correlationId == null ? context : context.withCorrelationId(correlationId);
  }

  /** {@code cause}, its message prefixed with the transform's YAML name. */
  static IllegalArgumentException rejected(String transform, IllegalArgumentException cause) {
    return new IllegalArgumentException(transform + ": " + cause.getMessage(), cause);
  }
}
