package org.checkpointio.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Finds files by literal name through Beam's {@code FileSystems.match}, which reads every spec as a
 * glob on every file system. Beam's object stores list the prefix before the first glob character
 * and keep what a regular expression made from the spec matches; neither honours an escape. So each
 * glob character of a literal name becomes {@code ?} (one character other than {@code /}), which
 * keeps the listing's prefix a prefix of the name and matches the name itself, and what comes back
 * is then kept only if it equals the name, or starts with the directory, character for character.
 */
final class LiteralPattern {
  /** Characters that some Beam file system reads as glob or regular-expression syntax. */
  private static final String SPECIAL = "[]*?{}\\";

  private LiteralPattern() {}

  /** True if {@code text} holds a character that a match would read as a pattern. */
  static boolean hasSpecialCharacters(String text) {
    return text.chars().anyMatch(c -> SPECIAL.indexOf(c) >= 0);
  }

  /** The file named exactly {@code file}, if there is one. */
  static Optional<MatchResult.Metadata> find(ResourceId file) throws IOException {
    String name = file.toString();
    return match(pattern(name), path -> path.equals(name)).stream().findFirst();
  }

  /** Every file whose name starts with {@code directory}'s, at any depth. */
  static List<MatchResult.Metadata> listTree(ResourceId directory) throws IOException {
    String prefix = directory.toString();
    return match(pattern(prefix) + "**", path -> path.startsWith(prefix));
  }

  /** The files directly in {@code directory}. */
  static List<MatchResult.Metadata> listDirectory(ResourceId directory) throws IOException {
    String prefix = directory.toString();
    return match(
        pattern(prefix) + "*",
        path -> path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0);
  }

  private static String pattern(String literal) {
    StringBuilder pattern = new StringBuilder(literal.length());
    // The scheme's "://" and a bucket name hold no special characters; everything after may.
    for (char c : literal.toCharArray()) {
      pattern.append(SPECIAL.indexOf(c) >= 0 ? '?' : c);
    }
    return pattern.toString();
  }

  private static List<MatchResult.Metadata> match(String spec, Predicate<String> literally)
      throws IOException {
    MatchResult match = FileSystems.match(List.of(spec), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    List<MatchResult.Metadata> files = new ArrayList<>();
    for (MatchResult.Metadata file : match.metadata()) { // throws the listing's error, if any
      if (literally.test(file.resourceId().toString())) {
        files.add(file);
      }
    }
    return files;
  }
}
