package org.checkpointio.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;

/**
 * Finds the committed manifest of a name at pipeline construction: RUN scope first, then
 * CORRELATION scope (when the context has a correlation id).
 */
public final class ResolveCheckpoint {
  private ResolveCheckpoint() {}

  /**
   * The live manifests of a checkpoint (one for an exclusive write, one per append) and the
   * paths they were found at. All share the checkpoint's schema and format.
   */
  public record Resolved(List<Manifest> manifests, CheckpointPaths paths) {
    public Manifest first() {
      return manifests.get(0);
    }
  }

  /**
   * @throws CheckpointNotFoundException if neither scope has a committed manifest of the name
   */
  public static Resolved resolve(CheckpointContext context, String name) {
    List<String> tried = new ArrayList<>();
    List<CheckpointScope> scopes = new ArrayList<>(List.of(CheckpointScope.RUN));
    if (context.correlationId() != null) {
      scopes.add(CheckpointScope.CORRELATION);
    }
    for (CheckpointScope scope : scopes) {
      CheckpointPaths paths = context.paths(scope, name);
      List<Manifest> manifests = read(paths);
      if (!manifests.isEmpty()) {
        return new Resolved(manifests, paths);
      }
      tried.add(paths.directory().toString());
    }
    if (context.correlationId() == null) {
      tried.add("(CORRELATION scope not tried: the context has no correlationId)");
    }
    throw new CheckpointNotFoundException(name, tried);
  }

  private static List<Manifest> read(CheckpointPaths paths) {
    try {
      return CommittedManifests.read(paths);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
