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
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.util.BackOff;
import org.apache.beam.sdk.util.BackOffUtils;
import org.apache.beam.sdk.util.FluentBackoff;
import org.apache.beam.sdk.util.Sleeper;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.layout.ScopeTree;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes one scope tree: every file under it in batches, then (on a local file system) its
 * directories bottom-up. A missing tree is no error. A batch that fails is retried; files that
 * still cannot be deleted are logged and counted, and fail the bundle only when asked to.
 */
public final class DeleteScopeTree extends DoFn<ScopeTree, DeletedTree> {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteScopeTree.class);

  /**
   * Files per delete call. Beam's file systems split a call into the store's own batches (100
   * objects per GCS batch request, 1000 keys per S3 DeleteObjects); this bounds one call's work.
   */
  static final int BATCH_SIZE = 1000;

  private static final FluentBackoff RETRIES =
      FluentBackoff.DEFAULT.withMaxRetries(3).withInitialBackoff(Duration.millis(100));

  private final boolean failOnError;
  private final Counter filesDeleted =
      Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED);
  private final Counter bytesDeleted =
      Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.BYTES_DELETED);
  private final Counter deleteFailures =
      Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.DELETE_FAILURES);

  public DeleteScopeTree(boolean failOnError) {
    this.failOnError = failOnError;
  }

  @ProcessElement
  public void process(@Element ScopeTree tree, OutputReceiver<DeletedTree> out)
      throws IOException, InterruptedException {
    ResourceId directory = checkedDirectory(tree);
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
    }
    long failures = files.size() - deleted;
    removeEmptyDirectories(directory);
    filesDeleted.inc(deleted);
    bytesDeleted.inc(bytes);
    deleteFailures.inc(failures);
    LOG.info(
        "Cleaned checkpoint tree {}: deleted {} files ({} bytes), {} failures",
        directory,
        deleted,
        bytes,
        failures);
    if (failures > 0 && failOnError) {
      throw new IOException(
          String.format(
              "Cleanup of %s left %d of %d files undeleted (see the log for each file)",
              directory, failures, files.size()));
    }
    out.output(DeletedTree.of(directory.toString(), deleted, bytes, failures));
  }

  /** The tree's directory: exactly one encoded segment below the root's scope directory. */
  private static ResourceId checkedDirectory(ScopeTree tree) {
    ResourceId directory = tree.directory();
    String expected = tree.scopeParent().toString() + tree.encodedId() + "/";
    if (!directory.toString().equals(expected)) {
      throw new IllegalStateException(
          "Refusing to delete " + directory + ": it is not the scope tree " + expected);
    }
    return directory;
  }

  private static List<MatchResult.Metadata> listFiles(ResourceId directory) throws IOException {
    MatchResult match =
        FileSystems.match(List.of(directory + "**"), EmptyMatchTreatment.ALLOW).get(0);
    return match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
  }

  /** Deletes a batch, retrying; what still fails is deleted file by file. Returns the deleted. */
  private List<MatchResult.Metadata> deleteBatch(List<MatchResult.Metadata> batch)
      throws IOException, InterruptedException {
    BackOff backoff = RETRIES.backoff();
    while (true) {
      try {
        FileSystems.delete(resourceIds(batch), StandardMoveOptions.IGNORE_MISSING_FILES);
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
