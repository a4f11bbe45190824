package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.BackOff;
import org.apache.beam.sdk.util.BackOffUtils;
import org.apache.beam.sdk.util.FluentBackoff;
import org.apache.beam.sdk.util.Sleeper;
import org.checkpointio.DeleteProgress;
import org.checkpointio.DeletedTree;
import org.checkpointio.files.StoredFiles;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes every file under a directory in batches, then (on a local file system) the directories
 * bottom-up. Symbolic links are deleted as links, never followed; a directory that is itself a link
 * is deleted as that link. A missing directory is no error. A batch that fails is retried; then its
 * files are deleted one by one, and those that still fail are logged and reported, not thrown.
 */
public final class DeleteDirectoryTree {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteDirectoryTree.class);

  /**
   * Files per delete call. Beam's file systems split a call into the store's own batches (100
   * objects per GCS batch request, 1000 keys per S3 DeleteObjects); this bounds one call's work.
   */
  static final int BATCH_SIZE = 1000;

  /** Listings of a tree per deletion; see {@link #delete(ResourceId, DeleteProgress)}. */
  private static final int PASSES = 2;

  private static final FluentBackoff RETRIES =
      FluentBackoff.DEFAULT.withMaxRetries(3).withInitialBackoff(Duration.millis(100));

  private DeleteDirectoryTree() {}

  /** Deletes what is under {@code directory} and reports files, bytes and failures. */
  public static DeletedTree delete(ResourceId directory) throws IOException, InterruptedException {
    return delete(directory, DeleteProgress.NONE);
  }

  /**
   * As {@link #delete(ResourceId)}, telling {@code progress} after each batch.
   *
   * <p>The tree is listed twice: what a commit created while the first listing was deleted (a
   * write of a job that outlived its cleanup) is found by the second. Such a commit checks its
   * write's marker after it created its manifest; the first pass deletes the marker, so either
   * the commit sees it gone and removes its own files, or its files are there to be listed again.
   */
  public static DeletedTree delete(ResourceId directory, DeleteProgress progress)
      throws IOException, InterruptedException {
    Set<String> listed = new HashSet<>();
    long total = 0;
    long deleted = 0;
    long bytes = 0;
    for (int pass = 0; pass < PASSES; pass++) {
      List<MatchResult.Metadata> files =
          listFiles(directory).stream()
              .filter(file -> listed.add(file.resourceId().toString()))
              .toList();
      long before = total;
      total += files.size();
      for (int from = 0; from < files.size(); from += BATCH_SIZE) {
        List<MatchResult.Metadata> batch =
            files.subList(from, Math.min(files.size(), from + BATCH_SIZE));
        for (MatchResult.Metadata file : deleteBatch(batch)) {
          deleted++;
          bytes += file.sizeBytes();
        }
        progress.batchDone(directory.toString(), before + from + batch.size(), total);
      }
    }
    StoredFiles.removeEmptyDirectories(directory);
    return DeletedTree.of(directory.toString(), deleted, bytes, total - deleted);
  }

  private static List<MatchResult.Metadata> listFiles(ResourceId directory) throws IOException {
    // An object named like a directory ("folder" markers that consoles create) is no file: Beam's
    // S3 file system lists it but never deletes it, so counting it would report a false delete.
    return StoredFiles.listTree(directory).stream()
        .filter(file -> !file.resourceId().isDirectory())
        .toList();
  }

  /** Deletes a batch, retrying; what still fails is deleted file by file. Returns the deleted. */
  private static List<MatchResult.Metadata> deleteBatch(List<MatchResult.Metadata> batch)
      throws IOException, InterruptedException {
    BackOff backoff = RETRIES.backoff();
    // A retry may find some files gone already, deleted by the failed attempt: no error.
    while (true) {
      try {
        StoredFiles.delete(resourceIds(batch));
        return batch;
      } catch (IOException e) {
        if (!BackOffUtils.next(Sleeper.DEFAULT, backoff)) {
          LOG.warn("A batch delete failed after retries; deleting its files one by one", e);
          break;
        }
      }
    }
    List<MatchResult.Metadata> deleted = new ArrayList<>();
    for (MatchResult.Metadata file : batch) {
      try {
        StoredFiles.delete(List.of(file.resourceId()));
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
}
