package org.checkpointio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything under a directory as it is on disk, walked without following links: each entry's
 * path relative to the directory, mapped to {@code sha256:<hex>} of a file's bytes, {@code -> <target>}
 * for a symbolic link (never read through), or {@code dir} for a directory.
 */
final class FileChecksums {
  static final String DIRECTORY = "dir";

  private FileChecksums() {}

  static SortedMap<String, String> of(Path base) throws IOException {
    SortedMap<String, String> entries = new TreeMap<>();
    Files.walkFileTree(
        base,
        EnumSet.noneOf(FileVisitOption.class),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(base)) {
              entries.put(relative(dir), DIRECTORY);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            entries.put(
                relative(file),
                attrs.isSymbolicLink()
                    ? "-> " + Files.readSymbolicLink(file)
                    : attrs.isRegularFile() ? sha256(file) : "other");
            return FileVisitResult.CONTINUE;
          }

          private String relative(Path path) {
            return base.relativize(path).toString();
          }
        });
    return entries;
  }

  /** The entries of {@code listing} at {@code path} or below it. */
  static Set<String> under(Map<String, String> listing, String path) {
    Set<String> found = new TreeSet<>();
    for (String entry : listing.keySet()) {
      if (entry.equals(path) || entry.startsWith(path + "/")) {
        found.add(entry);
      }
    }
    return found;
  }

  /**
   * What differs between the listing expected after an operation and the actual one, one line per
   * entry, for failure messages; {@code before} tells a deletion that did not happen from an
   * addition.
   */
  static String diff(
      Map<String, String> before, Map<String, String> expected, Map<String, String> actual) {
    StringBuilder out = new StringBuilder();
    Set<String> paths = new TreeSet<>(expected.keySet());
    paths.addAll(actual.keySet());
    for (String path : paths) {
      String want = expected.get(path);
      String got = actual.get(path);
      if (want == null && before.containsKey(path)) {
        out.append("\n  should be deleted, is still there: ").append(path).append("  ").append(got);
      } else if (want == null) {
        out.append("\n  appeared:                          ").append(path).append("  ").append(got);
      } else if (got == null) {
        out.append("\n  deleted, should be kept:           ").append(path).append("  ").append(want);
      } else if (!want.equals(got)) {
        out.append("\n  changed:                           ").append(path).append("  ").append(want)
            .append(" => ").append(got);
      }
    }
    return out.length() == 0 ? "\n  (no difference)" : out.toString();
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }
}
