package org.checkpointio.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Local files by literal path, without following symbolic links: a link is one entry, with its own
 * size and time, and what it points to is never visited. Beam's local file system follows links
 * when it lists a {@code **} glob, and reads the root as a glob pattern.
 */
final class LocalTree {
  private LocalTree() {}

  static Optional<MatchResult.Metadata> find(ResourceId file) throws IOException {
    Path path = path(file);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory()
          ? Optional.empty()
          : Optional.of(metadata(path, attributes));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Every file and link at or below {@code directory}. If {@code directory} is itself a link, that
   * link is the one entry: deleting it removes the link and leaves its target alone.
   */
  static List<MatchResult.Metadata> listTree(ResourceId directory) throws IOException {
    Path start = path(directory);
    List<MatchResult.Metadata> files = new ArrayList<>();
    if (!Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return files;
    }
    Files.walkFileTree(
        start,
        Set.of(), // no FOLLOW_LINKS
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            files.add(metadata(file, attributes));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE; // deleted while listed
            }
            throw e;
          }
        });
    return files;
  }

  /** The files and links directly in {@code directory}; not its subdirectories. */
  static List<MatchResult.Metadata> listDirectory(ResourceId directory) throws IOException {
    return listEntries(directory, false);
  }

  /** The directories directly in {@code directory}, dated by their own times; not links. */
  static List<MatchResult.Metadata> listSubdirectories(ResourceId directory) throws IOException {
    return listEntries(directory, true);
  }

  /**
   * The entries directly in {@code directory}, each judged by its own (lstat) attributes: the
   * directories if {@code directories}, else everything else, links included.
   */
  private static List<MatchResult.Metadata> listEntries(ResourceId directory, boolean directories)
      throws IOException {
    Path path = path(directory);
    List<MatchResult.Metadata> listed = new ArrayList<>();
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return listed;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
      for (Path entry : entries) {
        BasicFileAttributes attributes;
        try {
          attributes =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
          continue; // deleted while listed
        }
        if (attributes.isDirectory() == directories) {
          listed.add(metadata(entry, attributes));
        }
      }
    }
    return listed;
  }

  /**
   * Removes the empty directories at and below {@code directory}, deepest first, without entering
   * links. A directory that still holds something (a file that could not be deleted) stays.
   */
  static void removeEmptyDirectories(ResourceId directory) throws IOException {
    Path start = path(directory);
    if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        start,
        Set.of(),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            try {
              Files.delete(dir);
            } catch (IOException notEmptyOrGone) {
              // Holds a file that could not be deleted (already counted), or is gone already.
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static Path path(ResourceId resource) {
    return Paths.get(resource.toString());
  }

  private static MatchResult.Metadata metadata(Path file, BasicFileAttributes attributes) {
    return MatchResult.Metadata.builder()
        .setResourceId(FileSystems.matchNewResource(file.toString(), attributes.isDirectory()))
        .setSizeBytes(attributes.size())
        .setLastModifiedMillis(attributes.lastModifiedTime().toMillis())
        .setIsReadSeekEfficient(true)
        .build();
  }
}
