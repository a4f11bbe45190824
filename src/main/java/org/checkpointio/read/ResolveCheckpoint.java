package org.checkpointio.read;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;

/**
 * Finds the committed manifest of a name at pipeline construction: RUN scope first, then
 * CORRELATION scope (when the context has a correlation id).
 */
public final class ResolveCheckpoint {
  private ResolveCheckpoint() {}

  /** A manifest and the paths it was found at. */
  public record Resolved(Manifest manifest, CheckpointPaths paths) {}

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
      Optional<Manifest> manifest = read(paths);
      if (manifest.isPresent()) {
        return new Resolved(manifest.get(), paths);
      }
      tried.add(paths.manifest().toString());
    }
    if (context.correlationId() == null) {
      tried.add("(CORRELATION scope not tried: the context has no correlationId)");
    }
    throw new CheckpointNotFoundException(name, tried);
  }

  private static Optional<Manifest> read(CheckpointPaths paths) {
    try {
      return ManifestFiles.read(paths.manifest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
