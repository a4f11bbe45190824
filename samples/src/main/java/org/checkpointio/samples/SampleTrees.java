package org.checkpointio.samples;

import java.io.IOException;
import org.checkpointio.cleanup.FindScopeTrees;
import org.checkpointio.layout.ScopeTree;

/** What the samples check on storage after a job. */
final class SampleTrees {
  private SampleTrees() {}

  /** Whether any file is left under {@code tree}. */
  static boolean exists(ScopeTree tree) throws IOException {
    return FindScopeTrees.summarise(tree).isPresent();
  }
}
