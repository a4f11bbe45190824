package org.checkpointio.samples;

import java.io.IOException;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;

/** What the samples check on storage after a job. */
final class SampleTrees {
  private SampleTrees() {}

  /** Whether any file is left in the {@code scope} tree of {@code context}. */
  static boolean exists(CheckpointContext context, CheckpointScope scope) throws IOException {
    String id = scope == CheckpointScope.RUN ? context.runId() : context.correlationId();
    return CheckpointStore.at(context.root()).summary(scope, id).isPresent();
  }
}
