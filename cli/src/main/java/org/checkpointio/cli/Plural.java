package org.checkpointio.cli;

/** Counts with words that agree: {@code 1 tree}, {@code 2 trees}, {@code 0 trees}. */
final class Plural {
  private Plural() {}

  /** The count and the noun, with an {@code s} unless the count is one: {@code 2 files}. */
  static String of(long count, String noun) {
    return count + " " + word(count, noun, noun + "s");
  }

  /** {@code one} for a count of one, {@code many} for any other: a verb or pronoun that agrees. */
  static String word(long count, String one, String many) {
    return count == 1 ? one : many;
  }
}
