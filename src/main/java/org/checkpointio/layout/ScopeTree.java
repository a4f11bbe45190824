package org.checkpointio.layout;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.CheckpointScope;
import org.checkpointio.files.StoredFiles;

/**
 * One scope's directory: {@code {root}/runs/{runId}/} or {@code {root}/correlations/{id}/}.
 *
 * <p>Everything a run or a correlation writes lives below it, and cleanup deletes nothing else.
 */
public final class ScopeTree implements Serializable {
  private final String root;
  private final CheckpointScope scope;
  private final String id;
  private final String encodedId;

  private ScopeTree(String root, CheckpointScope scope, String id) {
    this.root = root;
    this.scope = scope;
    this.id = id;
    this.encodedId = PathSegment.encode(idLabel(scope), id);
    StoredFiles.checkLiteralRoot(root, rootDirectory(root).getScheme());
  }

  /**
   * Returns the tree of {@code id} in {@code scope} under {@code root}.
   *
   * @throws IllegalArgumentException if the id cannot be one path segment (see {@link
   *     PathSegment#encode}), or the root cannot be read literally (see {@link
   *     StoredFiles#checkLiteralRoot})
   */
  public static ScopeTree of(String root, CheckpointScope scope, String id) {
    return new ScopeTree(Objects.requireNonNull(root, "root"), Objects.requireNonNull(scope), id);
  }

  /** The directory name of a scope under the root. */
  public static String scopeDirectoryName(CheckpointScope scope) {
    return scope == CheckpointScope.RUN ? "runs" : "correlations";
  }

  /** The option that carries the id of a scope, for messages. */
  public static String idLabel(CheckpointScope scope) {
    return scope == CheckpointScope.RUN ? "runId" : "correlationId";
  }

  /** Resolves a root URI as a directory. */
  public static ResourceId rootDirectory(String root) {
    return FileSystems.matchNewResource(root, true);
  }

  public String root() {
    return root;
  }

  public CheckpointScope scope() {
    return scope;
  }

  /** The id as given, not encoded. */
  public String id() {
    return id;
  }

  public String encodedId() {
    return encodedId;
  }

  /** {@code {root}/runs/} or {@code {root}/correlations/}. */
  public ResourceId scopeParent() {
    return rootDirectory(root)
        .resolve(scopeDirectoryName(scope), StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** This tree's directory. */
  public ResourceId directory() {
    return scopeParent().resolve(encodedId, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** The paths of checkpoint {@code name} in this tree. */
  public CheckpointPaths checkpoint(String name) {
    return new CheckpointPaths(this, name);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ScopeTree)) {
      return false;
    }
    ScopeTree that = (ScopeTree) o;
    return root.equals(that.root) && scope == that.scope && id.equals(that.id);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, scope, id);
  }

  @Override
  public String toString() {
    return directory().toString();
  }
}
