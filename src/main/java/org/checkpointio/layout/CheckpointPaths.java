package org.checkpointio.layout;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.Objects;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * The files of one checkpoint, {@code {scopeTree}/{name}/}:
 *
 * <ul>
 *   <li>{@code _manifest-{version}.json} — the commit of an exclusive write; versions count up
 *       from 1 (ten digits, zero-padded) and the highest one is the checkpoint's exclusive state;
 *   <li>{@code _append-{writeId}.json} — the commit of one appending (fan-in) write;
 *   <li>{@code part-{writeId}-{shard}-of-{count}{suffix}} — data shards, moved here by the commit;
 *   <li>{@code .tmp-{writeId}/} — a write's temporary files and its {@code _writing} marker, which
 *       readers never look at;
 *   <li>{@code .staged-…} — a manifest on its way to its place, where a file system has no atomic
 *       upload.
 * </ul>
 *
 * <p>Commit files start with {@code _} so that directory readers (Spark, pyarrow, Polars, DuckDB)
 * skip them. Checkpoints of format version 1 named them {@code manifest.json} (read as exclusive
 * version 0) and {@code manifest-{writeId}.json}; they are still read, never written.
 *
 * <p>Files are found by these names, never by glob patterns, so a root holding glob characters
 * means itself.
 */
public final class CheckpointPaths implements Serializable {
  static final String EXCLUSIVE_PREFIX = "_manifest-";
  static final String APPEND_PREFIX = "_append-";
  static final String JSON_SUFFIX = ".json";
  static final String LEGACY_EXCLUSIVE = "manifest.json";
  static final String LEGACY_APPEND_PREFIX = "manifest-";
  static final String SHARD_PREFIX = "part-";
  static final String TEMP_PREFIX = ".tmp-";
  public static final String STAGED_PREFIX = ".staged-";
  static final String WRITING_MARKER = "_writing";

  /** A shard's whole name, as {@link #shardFileName} makes it, in either format. */
  private static final Pattern SHARD_NAME =
      Pattern.compile("part-.+-[0-9]{5,}-of-[0-9]{5,}\\.(parquet|arrow)");

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

  /** The manifest of exclusive commit {@code version} (1, 2, …). */
  public ResourceId exclusiveManifest(long version) {
    return file(String.format("%s%010d%s", EXCLUSIVE_PREFIX, version, JSON_SUFFIX));
  }

  /** The manifest of appending write {@code writeId}. */
  public ResourceId appendManifest(String writeId) {
    return file(APPEND_PREFIX + writeId + JSON_SUFFIX);
  }

  /** Where format version 1 kept the exclusive manifest; read, never written. */
  public ResourceId legacyExclusiveManifest() {
    return file(LEGACY_EXCLUSIVE);
  }

  /** Where format version 1 kept an append manifest; read, never written. */
  public ResourceId legacyAppendManifest(String writeId) {
    return file(LEGACY_APPEND_PREFIX + writeId + JSON_SUFFIX);
  }

  /**
   * The exclusive version a manifest's file name carries: {@code _manifest-0000000003.json} is 3,
   * the format-1 {@code manifest.json} is 0; empty for any other name.
   */
  public static OptionalLong exclusiveVersion(String fileName) {
    if (fileName.equals(LEGACY_EXCLUSIVE)) {
      return OptionalLong.of(0);
    }
    if (fileName.startsWith(EXCLUSIVE_PREFIX) && fileName.endsWith(JSON_SUFFIX)) {
      String digits =
          fileName.substring(EXCLUSIVE_PREFIX.length(), fileName.length() - JSON_SUFFIX.length());
      if (digits.length() == 10 && digits.chars().allMatch(Character::isDigit)) {
        return OptionalLong.of(Long.parseLong(digits));
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The write id an append manifest's file name carries ({@code _append-{writeId}.json}, or the
   * format-1 {@code manifest-{writeId}.json}); empty for any other name.
   */
  public static Optional<String> appendWriteId(String fileName) {
    for (String prefix : List.of(APPEND_PREFIX, LEGACY_APPEND_PREFIX)) {
      if (fileName.startsWith(prefix)
          && fileName.endsWith(JSON_SUFFIX)
          && fileName.length() > prefix.length() + JSON_SUFFIX.length()) {
        return Optional.of(
            fileName.substring(prefix.length(), fileName.length() - JSON_SUFFIX.length()));
      }
    }
    return Optional.empty();
  }

  /** True for the file name of any commit: an exclusive or an append manifest, of any version. */
  public static boolean isManifest(String fileName) {
    return exclusiveVersion(fileName).isPresent() || appendWriteId(fileName).isPresent();
  }

  /** A file directly in the checkpoint directory, such as a shard named by a manifest. */
  public ResourceId file(String fileName) {
    return directory().resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  public ResourceId tempDirectory(String writeId) {
    return directory().resolve(TEMP_PREFIX + writeId, StandardResolveOptions.RESOLVE_DIRECTORY);
  }

  /**
   * The marker a write leaves in its temporary directory from its first file until its commit:
   * the sweep leaves a tree with a young one alone, and a commit whose marker is gone knows that
   * its tree was deleted (by cleanup or the launcher) while it ran.
   */
  public ResourceId writingMarker(String writeId) {
    return tempDirectory(writeId).resolve(WRITING_MARKER, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The write id of a temporary directory's name ({@code .tmp-{writeId}}), if it is one. */
  public static Optional<String> tempWriteId(String directoryName) {
    return directoryName.startsWith(TEMP_PREFIX) && directoryName.length() > TEMP_PREFIX.length()
        ? Optional.of(directoryName.substring(TEMP_PREFIX.length()))
        : Optional.empty();
  }

  /** The write id in a shard's file name, {@code part-{writeId}-{shard}-of-{count}…}, if any. */
  public static Optional<String> shardWriteId(String fileName) {
    int of = fileName.lastIndexOf("-of-");
    if (!isShard(fileName) || of < 0) {
      return Optional.empty();
    }
    int shardStart = fileName.lastIndexOf('-', of - 1);
    return shardStart > SHARD_PREFIX.length()
        ? Optional.of(fileName.substring(SHARD_PREFIX.length(), shardStart))
        : Optional.empty();
  }

  /**
   * True for the file name of a data shard of any write, {@code part-{writeId}-{n}-of-{m}} with a
   * format's suffix; a user's {@code part-notes.txt} is none.
   */
  public static boolean isShard(String fileName) {
    return SHARD_NAME.matcher(fileName).matches();
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
    return isManifest(path)
        || path.startsWith(STAGED_PREFIX)
        || isShard(path);
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
