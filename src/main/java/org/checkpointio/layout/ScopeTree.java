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

  /** Resolves a root URI as a directory; a {@code file:} URI as {@link #normalizedRoot} says. */
  public static ResourceId rootDirectory(String root) {
    return FileSystems.matchNewResource(normalizedRoot(root), true);
  }

  /**
   * The root as the file systems should see it: a {@code file:} URI ({@code file:///abs/path},
   * {@code file:/abs/path} or {@code file://localhost/abs/path}) becomes its local path, {@code
   * /abs/path}; any other root is returned as it is. (Beam's local file system would resolve
   * {@code file:///abs/path} as a relative path {@code file:/abs/path}.) The path is not
   * percent-decoded, as Beam's local file system does not decode it when matching: {@code %} is a
   * literal character, as in a plain root.
   *
   * @throws IllegalArgumentException for a {@code file:} URI that names another host, or has no
   *     absolute path
   */
  public static String normalizedRoot(String root) {
    String scheme = "file:";
    if (!root.regionMatches(true, 0, scheme, 0, scheme.length())) {
      return root;
    }
    String path = root.substring(scheme.length());
    if (path.startsWith("//")) {
      int slash = path.indexOf('/', 2);
      String host = slash < 0 ? path.substring(2) : path.substring(2, slash);
      if (!host.isEmpty() && !host.equalsIgnoreCase("localhost")) {
        throw new IllegalArgumentException(
            String.format(
                "Invalid checkpoint root '%s': a file: URI names a directory on this machine, but"
                    + " this one names host '%s'. Write file:///path (or the plain /path) for a"
                    + " local directory; a directory of another machine needs a mount",
                root, host));
      }
      path = slash < 0 ? "" : path.substring(slash);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          String.format(
              "Invalid checkpoint root '%s': a file: URI needs an absolute path, as in"
                  + " file:///data/checkpoints; give a relative directory without file:",
              root));
    }
    return path;
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
