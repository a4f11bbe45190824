package org.checkpointio.layout;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The files of one checkpoint, {@code {scopeTree}/{name}/}:
 *
 * <ul>
 *   <li>{@code manifest.json} — the commit of an exclusive write; a checkpoint exists only once
 *       it or an append manifest does;
 *   <li>{@code manifest-{writeId}.json} — the commit of one appending (fan-in) write;
 *   <li>{@code part-{writeId}-{shard}-of-{count}{suffix}} — data shards;
 *   <li>{@code .tmp-{writeId}/} — a write's temporary files, which readers never look at;
 *   <li>{@code .staged-{writeId}-manifest….json} — a manifest on its way to its place, where a file
 *       system has no atomic upload.
 * </ul>
 *
 * <p>Files are found by these names, never by glob patterns, so a root holding glob characters
 * means itself.
 */
public final class CheckpointPaths implements Serializable {
  public static final String MANIFEST_FILE_NAME = "manifest.json";
  static final String APPEND_MANIFEST_PREFIX = "manifest-";
  static final String SHARD_PREFIX = "part-";
  static final String TEMP_PREFIX = ".tmp-";
  public static final String STAGED_PREFIX = ".staged-";

  private final ScopeTree tree;
  private final String name;
  private final String encodedName;

  CheckpointPaths(ScopeTree tree, String name) {
    this.tree = tree;
    this.name = name;
    this.encodedName = PathSegment.encode("checkpoint name", name);
  }

  public ScopeTree tree() {
    return tree;
  }

  public String name() {
    return name;
  }

  public ResourceId directory() {
    return tree.directory().resolve(encodedName, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** The manifest of exclusive writes, replaced atomically by each. */
  public ResourceId manifest() {
    return file(MANIFEST_FILE_NAME);
  }

  /** The manifest of appending write {@code writeId}. */
  public ResourceId appendManifest(String writeId) {
    return file(APPEND_MANIFEST_PREFIX + writeId + ".json");
  }

  /** True for the file name of an append manifest, {@code manifest-{writeId}.json}. */
  public static boolean isAppendManifest(String fileName) {
    return fileName.startsWith(APPEND_MANIFEST_PREFIX) && fileName.endsWith(".json");
  }

  /** A file directly in the checkpoint directory, such as a shard named by a manifest. */
  public ResourceId file(String fileName) {
    return directory().resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  public ResourceId tempDirectory(String writeId) {
    return directory().resolve(TEMP_PREFIX + writeId, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /** True for the file name of a data shard of any write, {@code part-…}. */
  public static boolean isShard(String fileName) {
    return fileName.startsWith(SHARD_PREFIX);
  }

  /**
   * True if {@code path}, relative to a checkpoint directory, is a file that only a write of this
   * library leaves: a manifest, a staged manifest, a shard {@code part-…-of-…}, or anything in a
   * temporary write directory. The TTL sweep deletes only trees that hold one.
   */
  public static boolean isWrittenByAWrite(String path) {
    if (path.startsWith(TEMP_PREFIX)) {
      return path.indexOf('/') > TEMP_PREFIX.length();
    }
    if (path.indexOf('/') >= 0) {
      return false;
    }
    return path.equals(MANIFEST_FILE_NAME)
        || isAppendManifest(path)
        || path.startsWith(STAGED_PREFIX)
        || (isShard(path) && path.contains("-of-"));
  }

  /** The file name of shard {@code shard} of {@code count} of write {@code writeId}. */
  public static String shardFileName(String writeId, int shard, int count, String suffix) {
    return String.format("%s%s-%05d-of-%05d%s", SHARD_PREFIX, writeId, shard, count, suffix);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CheckpointPaths
        && tree.equals(((CheckpointPaths) o).tree)
        && name.equals(((CheckpointPaths) o).name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tree, name);
  }

  @Override
  public String toString() {
    return directory().toString();
  }
}
