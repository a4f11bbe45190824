package org.checkpointio.cleanup;

import java.io.IOException;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.layout.ScopeTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes one scope tree with {@link DeleteDirectoryTree}, after checking that it is one, and
 * counts what it did in Beam metrics. Files that cannot be deleted fail the bundle only when
 * asked to; otherwise they are logged and counted.
 */
public final class DeleteScopeTree extends DoFn<ScopeTree, DeletedTree> {
  private static final Logger LOG = LoggerFactory.getLogger(DeleteScopeTree.class);

  private final boolean failOnError;
  public DeleteScopeTree(boolean failOnError) {
    this.failOnError = failOnError;
  }

  @ProcessElement
  public void process(@Element ScopeTree tree, OutputReceiver<DeletedTree> out)
      throws IOException, InterruptedException {
    DeletedTree result = deleteTree(tree);
    if (result.failures() > 0 && failOnError) {
      throw new IOException(
          String.format(
              "Cleanup of %s left %d of %d files undeleted (see the log for each file)",
              result.directory(), result.failures(), result.failures() + result.filesDeleted()));
    }
    out.output(result);
  }

  /**
   * Deletes one scope tree, counts it in the {@code CheckpointIO} metrics (when running inside a
   * pipeline) and logs one line. Used by cleanup, the TTL sweep and the launcher.
   */
  public static DeletedTree deleteTree(ScopeTree tree) throws IOException, InterruptedException {
    return deleteTree(tree, DeleteProgress.NONE);
  }

  /** As {@link #deleteTree(ScopeTree)}, telling {@code progress} after each batch of files. */
  public static DeletedTree deleteTree(ScopeTree tree, DeleteProgress progress)
      throws IOException, InterruptedException {
    return deleteTree(tree, progress, true);
  }

  /**
   * As {@link #deleteTree(ScopeTree, DeleteProgress)}, for callers outside a pipeline (the
   * launcher, the command line), where Beam has no metrics to count in and would say so.
   */
  public static DeletedTree deleteTreeOutsidePipeline(ScopeTree tree, DeleteProgress progress)
      throws IOException, InterruptedException {
    return deleteTree(tree, progress, false);
  }

  private static DeletedTree deleteTree(ScopeTree tree, DeleteProgress progress, boolean count)
      throws IOException, InterruptedException {
    ResourceId directory = checkedDirectory(tree);
    DeletedTree result = DeleteDirectoryTree.delete(directory, progress);
    if (count) {
      countInMetrics(result);
    }
    LOG.info(
        "Cleaned checkpoint tree {} ({} {}): deleted {} files ({} bytes), {} failures",
        directory,
        ScopeTree.idLabel(tree.scope()),
        tree.id(),
        result.filesDeleted(),
        result.bytesDeleted(),
        result.failures());
    return result;
  }

  private static void countInMetrics(DeletedTree result) {
    Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED)
        .inc(result.filesDeleted());
    Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.BYTES_DELETED)
        .inc(result.bytesDeleted());
    Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.DELETE_FAILURES)
        .inc(result.failures());
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
}
