package org.checkpointio.cleanup;

import org.apache.beam.sdk.metrics.Metrics;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.DeletedTree;

/** Where a tree deletion's files, bytes and failures are counted. */
@FunctionalInterface
public interface DeletionCounter {
  /** Counts nothing: for callers outside a pipeline, where Beam has no metrics to count in. */
  DeletionCounter NONE = deleted -> {};

  /** Beam's {@code CheckpointIO} counters of the running step. */
  DeletionCounter BEAM_METRICS =
      deleted -> {
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.FILES_DELETED)
            .inc(deleted.getFilesDeleted());
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.BYTES_DELETED)
            .inc(deleted.getBytesDeleted());
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.DELETE_FAILURES)
            .inc(deleted.getFailures());
      };

  void count(DeletedTree deleted);
}
