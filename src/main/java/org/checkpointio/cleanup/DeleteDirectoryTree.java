package org.checkpointio.cleanup;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.BackOff;
import org.apache.beam.sdk.util.BackOffUtils;
import org.apache.beam.sdk.util.FluentBackoff;
import org.apache.beam.sdk.util.Sleeper;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes every file under a directory in batches, then (on a local file system) the directories
 * bottom-up. A missing directory is no error. A batch that fails is retried; then its files are
 * deleted one by one, and those that still fail are logged and reported, not thrown.
 */
public final class DeleteDirectoryTree {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteDirectoryTree.class);

  /**
   * Files per delete call. Beam's file systems split a call into the store's own batches (100
   * objects per GCS batch request, 1000 keys per S3 DeleteObjects); this bounds one call's work.
   */
  static final int BATCH_SIZE = 1000;

  private static final FluentBackoff RETRIES =
      FluentBackoff.DEFAULT.withMaxRetries(3).withInitialBackoff(Duration.millis(100));

  private DeleteDirectoryTree() {}

  /** Deletes what is under {@code directory} and reports files, bytes and failures. */
  public static DeletedTree delete(ResourceId directory) throws IOException, InterruptedException {
    return delete(directory, DeleteProgress.NONE);
  }

  /** As {@link #delete(ResourceId)}, telling {@code progress} after each batch. */
  public static DeletedTree delete(ResourceId directory, DeleteProgress progress)
      throws IOException, InterruptedException {
    List<MatchResult.Metadata> files = listFiles(directory);
    long deleted = 0;
    long bytes = 0;
    for (int from = 0; from < files.size(); from += BATCH_SIZE) {
      List<MatchResult.Metadata> batch =
          files.subList(from, Math.min(files.size(), from + BATCH_SIZE));
      for (MatchResult.Metadata file : deleteBatch(batch)) {
        deleted++;
        bytes += file.sizeBytes();
      }
      progress.batchDone(directory.toString(), from + batch.size(), files.size());
    }
    removeEmptyDirectories(directory);
    return DeletedTree.of(directory.toString(), deleted, bytes, files.size() - deleted);
  }

  private static List<MatchResult.Metadata> listFiles(ResourceId directory) throws IOException {
    MatchResult match =
        FileSystems.match(List.of(directory + "**"), EmptyMatchTreatment.ALLOW).get(0);
    if (match.status() != MatchResult.Status.OK) {
      return List.of();
    }
    // An object named like a directory ("folder" markers that consoles create) is no file: Beam's
    // S3 file system lists it but never deletes it, so counting it would report a false delete.
    return match.metadata().stream().filter(file -> !file.resourceId().isDirectory()).toList();
  }

  /** Deletes a batch, retrying; what still fails is deleted file by file. Returns the deleted. */
  private static List<MatchResult.Metadata> deleteBatch(List<MatchResult.Metadata> batch)
      throws IOException, InterruptedException {
    BackOff backoff = RETRIES.backoff();
    // The files were just listed, so the first attempt deletes them as they are: with
    // IGNORE_MISSING_FILES, Beam looks up every file first (one request per file on S3). A retry
    // does ignore missing files, since the failed attempt may have deleted some.
    MoveOptions[] options = {};
    while (true) {
      try {
        FileSystems.delete(resourceIds(batch), options);
        return batch;
      } catch (IOException e) {
        if (!BackOffUtils.next(Sleeper.DEFAULT, backoff)) {
          LOG.warn("A batch delete failed after retries; deleting its files one by one", e);
          break;
        }
        options = new MoveOptions[] {StandardMoveOptions.IGNORE_MISSING_FILES};
      }
    }
    List<MatchResult.Metadata> deleted = new ArrayList<>();
    for (MatchResult.Metadata file : batch) {
      try {
        FileSystems.delete(List.of(file.resourceId()), StandardMoveOptions.IGNORE_MISSING_FILES);
        deleted.add(file);
      } catch (IOException e) {
        LOG.warn("Could not delete {}: {}", file.resourceId(), e.toString());
      }
    }
    return deleted;
  }

  private static List<ResourceId> resourceIds(List<MatchResult.Metadata> files) {
    List<ResourceId> ids = new ArrayList<>(files.size());
    files.forEach(file -> ids.add(file.resourceId()));
    return ids;
  }

  /** Object stores have no directories; a local file system keeps empty ones unless removed. */
  private static void removeEmptyDirectories(ResourceId directory) throws IOException {
    if (!"file".equals(directory.getScheme())) {
      return;
    }
    Path root = Paths.get(directory.toString());
    if (!Files.isDirectory(root)) {
      return;
    }
    List<Path> directories;
    try (Stream<Path> walk = Files.walk(root)) {
      directories =
          walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
    }
    for (Path dir : directories) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        // Holds a file that could not be deleted (already counted), or is gone already.
      }
    }
  }
}
