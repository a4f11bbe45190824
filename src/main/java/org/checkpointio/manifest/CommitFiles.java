package org.checkpointio.manifest;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;

/**
 * The commit files of one checkpoint directory as one listing saw them: exclusive manifests by
 * version, append manifests by write id, and every other file lying directly in the directory.
 * Reading a checkpoint, committing and collecting garbage all start from one such listing.
 */
public final class CommitFiles {
  private final NavigableMap<Long, ResourceId> exclusive;
  private final Map<String, ResourceId> appends;
  private final List<MatchResult.Metadata> files;

  private CommitFiles(
      NavigableMap<Long, ResourceId> exclusive,
      Map<String, ResourceId> appends,
      List<MatchResult.Metadata> files) {
    this.exclusive = exclusive;
    this.appends = appends;
    this.files = files;
  }

  /** Lists the directory of {@code paths} once (not its subdirectories). */
  public static CommitFiles in(CheckpointPaths paths) throws IOException {
    return of(StoredFiles.listDirectory(paths.directory()));
  }

  /** The commit files among {@code files}, which lie directly in one checkpoint directory. */
  public static CommitFiles of(List<MatchResult.Metadata> files) {
    NavigableMap<Long, ResourceId> exclusive = new TreeMap<>();
    Map<String, ResourceId> appends = new LinkedHashMap<>();
    for (MatchResult.Metadata file : files) {
      String name = file.resourceId().getFilename();
      OptionalLong version = CheckpointPaths.exclusiveVersion(name);
      if (version.isPresent()) {
        exclusive.put(version.getAsLong(), file.resourceId());
      }
      CheckpointPaths.appendWriteId(name).ifPresent(id -> appends.put(id, file.resourceId()));
    }
    return new CommitFiles(exclusive, appends, files);
  }

  /** The highest exclusive version (0 for a format-1 {@code manifest.json}); empty if none. */
  public OptionalLong latestVersion() {
    return exclusive.isEmpty() ? OptionalLong.empty() : OptionalLong.of(exclusive.lastKey());
  }

  /** The exclusive manifest with the highest version, if any. */
  public Optional<ResourceId> latestExclusive() {
    return exclusive.isEmpty() ? Optional.empty() : Optional.of(exclusive.lastEntry().getValue());
  }

  /** Every exclusive manifest, by version. */
  public NavigableMap<Long, ResourceId> exclusiveManifests() {
    return Collections.unmodifiableNavigableMap(exclusive);
  }

  /** Every append manifest, by write id. */
  public Map<String, ResourceId> appendManifests() {
    return Collections.unmodifiableMap(appends);
  }

  /** Every file directly in the directory, commit files included, as listed. */
  public List<MatchResult.Metadata> files() {
    return Collections.unmodifiableList(files);
  }
}
