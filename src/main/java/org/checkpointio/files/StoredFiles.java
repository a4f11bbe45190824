package org.checkpointio.files;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Finds, lists and deletes files by their literal names on any Beam file system; the one way the
 * library looks at storage.
 *
 * <ul>
 *   <li>Names are never patterns: roots, ids and names holding {@code [ ] ? * { } \} or {@code %}
 *       mean themselves, so nothing under a sibling that a glob would match is found or deleted.
 *   <li>Links are never followed: on a local file system a symbolic link is listed, sized, dated
 *       and deleted as the link itself. (Object stores have no links.)
 *   <li>Deleting a file that is already gone is no error, and deletes nothing else: Beam's own
 *       "ignore missing files" option looks each file up again as a glob, so it is never used.
 * </ul>
 */
public final class StoredFiles {
  private StoredFiles() {}

  /** The file (or link) named exactly {@code file}, if there is one; never a directory. */
  public static Optional<MatchResult.Metadata> find(ResourceId file) throws IOException {
    return isLocal(file) ? LocalTree.find(file) : LiteralPattern.find(file);
  }

  /**
   * Every file below {@code directory}, at any depth, links as files; empty if there is none. If
   * {@code directory} is itself a link, the link is the one file.
   */
  public static List<MatchResult.Metadata> listTree(ResourceId directory) throws IOException {
    return isLocal(directory) ? LocalTree.listTree(directory) : LiteralPattern.listTree(directory);
  }

  /** The files directly in {@code directory}, links as files; not those in its subdirectories. */
  public static List<MatchResult.Metadata> listDirectory(ResourceId directory)
      throws IOException {
    return isLocal(directory)
        ? LocalTree.listDirectory(directory)
        : LiteralPattern.listDirectory(directory);
  }

  /**
   * The directories directly in {@code directory}, each dated by its own time, so that an empty
   * one can be told old or young. Object stores have no directories: none there.
   */
  public static List<MatchResult.Metadata> listSubdirectories(ResourceId directory)
      throws IOException {
    return isLocal(directory) ? LocalTree.listSubdirectories(directory) : List.of();
  }

  /**
   * Deletes exactly these files (a link as the link); those already gone are skipped. Beam's file
   * systems batch the requests (100 objects per GCS batch, 1000 keys per S3 DeleteObjects).
   */
  public static void delete(Collection<ResourceId> files) throws IOException {
    if (!files.isEmpty()) {
      // Each of Beam's local, GCS and S3 file systems takes a missing file as deleted.
      FileSystems.delete(files);
    }
  }

  /**
   * Removes the empty directories at and below {@code directory}, deepest first, without entering
   * links. Object stores have no directories, so there it does nothing.
   */
  public static void removeEmptyDirectories(ResourceId directory) throws IOException {
    if (isLocal(directory)) {
      LocalTree.removeEmptyDirectories(directory);
    }
  }

  /**
   * Checks that {@code root} can be served literally: a file system without literal listing here
   * (anything but local, {@code gs://} and {@code s3://}) gets no root holding glob characters.
   *
   * @throws IllegalArgumentException naming the root, the characters and what to do
   */
  public static void checkLiteralRoot(String root, String scheme) {
    if ("file".equals(scheme) || "gs".equals(scheme) || "s3".equals(scheme)) {
      return;
    }
    if (LiteralPattern.hasSpecialCharacters(root)) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid checkpoint root '%s': on %s:// it may not hold any of [ ] ? * { } \\, which"
                  + " that file system reads as a pattern, so cleanup could not tell the root from"
                  + " its siblings. Choose a root without them.",
              root, scheme));
    }
  }

  private static boolean isLocal(ResourceId resource) {
    return "file".equals(resource.getScheme());
  }
}
