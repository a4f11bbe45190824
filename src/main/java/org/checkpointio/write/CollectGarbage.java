package org.checkpointio.write;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.cleanup.DeleteDirectoryTree;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommitFiles;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes from one checkpoint directory what no manifest needs any more, after a commit.
 *
 * <ul>
 *   <li>A file a live manifest lists is never deleted.
 *   <li>A superseded manifest, and the shards only it lists, stay for the retention period
 *       (counted from the creation of the manifest that superseded it), so that a read that
 *       resolved it before the new commit still finishes; then they go.
 *   <li>Shards no manifest lists, temporary directories and staged manifests may belong to a
 *       write still running: they go only once older than the grace period (a temporary
 *       directory: its newest file, or its own time if it is empty).
 * </ul>
 *
 * If a manifest that may be live cannot be read, no shard is collected: what it lists is unknown.
 */
final class CollectGarbage {
  private static final Logger LOG = LoggerFactory.getLogger(CollectGarbage.class);

  private final CheckpointPaths paths;
  private final Duration retention;
  private final Duration gracePeriod;

  CollectGarbage(CheckpointPaths paths, Duration retention, Duration gracePeriod) {
    this.paths = paths;
    this.retention = retention;
    this.gracePeriod = gracePeriod;
  }

  /** Collects what is garbage at {@code now}; returns how many files were deleted. */
  long collect(Instant now) throws IOException, InterruptedException {
    String prefix = paths.directory().toString();
    List<MatchResult.Metadata> direct = new ArrayList<>();
    Map<String, Long> tempNewest = new HashMap<>(); // write id -> its temporary files' newest
    for (MatchResult.Metadata file : StoredFiles.listTree(paths.directory())) {
      String path = file.resourceId().toString();
      if (!path.startsWith(prefix)) {
        continue;
      }
      String relative = path.substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash < 0) {
        direct.add(file);
      } else {
        CheckpointPaths.tempWriteId(relative.substring(0, slash))
            .ifPresent(id -> tempNewest.merge(id, file.lastModifiedMillis(), Math::max));
      }
    }
    CommitFiles commits = CommitFiles.of(direct);
    long graceCutoff = now.toEpochMilli() - gracePeriod.getMillis();
    long retentionCutoff = now.toEpochMilli() - retention.getMillis();

    List<ResourceId> garbage = new ArrayList<>();
    Set<String> expired = new HashSet<>();
    Optional<Set<String>> kept = keptShards(commits, retentionCutoff, garbage, expired);
    for (MatchResult.Metadata file : direct) {
      String name = file.resourceId().getFilename();
      boolean old = file.lastModifiedMillis() <= graceCutoff;
      if (CheckpointPaths.isShard(name)) {
        if (kept.isPresent() && !kept.get().contains(name) && (old || expired.contains(name))) {
          garbage.add(file.resourceId());
        }
      } else if (name.startsWith(CheckpointPaths.STAGED_PREFIX) && old) {
        garbage.add(file.resourceId());
      }
    }
    StoredFiles.delete(garbage);
    long deleted = garbage.size();
    for (Map.Entry<String, Long> temp : tempNewest.entrySet()) {
      if (temp.getValue() <= graceCutoff) {
        deleted += DeleteDirectoryTree.delete(paths.tempDirectory(temp.getKey())).getFilesDeleted();
      }
    }
    // An empty temporary directory (a write killed after emptying it, or before its first file)
    // has no file to date it by: its own time does.
    for (MatchResult.Metadata directory : StoredFiles.listSubdirectories(paths.directory())) {
      String name = directory.resourceId().getFilename();
      Optional<String> writeId = CheckpointPaths.tempWriteId(name == null ? "" : name);
      if (writeId.isPresent()
          && !tempNewest.containsKey(writeId.get())
          && directory.lastModifiedMillis() <= graceCutoff) {
        StoredFiles.removeEmptyDirectories(directory.resourceId());
      }
    }
    return deleted;
  }

  /**
   * The shards that must stay: those of live manifests and of superseded ones still within the
   * retention period. Superseded manifests past it are added to {@code garbage}, and the shards
   * they list to {@code expired}: those go whatever their age, unless a kept manifest lists them
   * too. Empty if a manifest that may be live is unreadable.
   */
  private Optional<Set<String>> keptShards(
      CommitFiles commits, long retentionCutoff, List<ResourceId> garbage, Set<String> expired) {
    Map<Long, Manifest> exclusive = new HashMap<>();
    for (Map.Entry<Long, ResourceId> entry : commits.exclusiveManifests().entrySet()) {
      Optional<Manifest> manifest = readOrWarn(entry.getValue());
      if (manifest.isPresent()) {
        exclusive.put(entry.getKey(), manifest.get());
      } else if (entry.getKey().equals(commits.exclusiveManifests().lastKey())) {
        return Optional.empty(); // the live exclusive manifest is unreadable
      }
    }
    Set<String> kept = new HashSet<>();
    Long latest =
        commits.exclusiveManifests().isEmpty() ? null : commits.exclusiveManifests().lastKey();
    Set<String> superseded = new HashSet<>();
    for (Map.Entry<Long, ResourceId> entry : commits.exclusiveManifests().entrySet()) {
      Manifest manifest = exclusive.get(entry.getKey());
      if (manifest == null) {
        continue; // an unreadable superseded manifest: its shards age out by the grace period
      }
      if (entry.getKey().equals(latest)) {
        addShards(manifest, kept);
        superseded.addAll(manifest.supersedes());
        continue;
      }
      // Superseded by the next version that exists.
      Manifest next = exclusive.get(commits.exclusiveManifests().higherKey(entry.getKey()));
      if (next != null && next.createdAt().toEpochMilli() <= retentionCutoff) {
        garbage.add(entry.getValue());
        addShards(manifest, expired);
      } else {
        addShards(manifest, kept);
      }
    }
    for (Map.Entry<String, ResourceId> entry : commits.appendManifests().entrySet()) {
      Optional<Manifest> manifest = readOrWarn(entry.getValue());
      if (manifest.isEmpty()) {
        if (!superseded.contains(entry.getKey())) {
          return Optional.empty(); // a live append manifest is unreadable
        }
        continue;
      }
      if (superseded.contains(entry.getKey())
          && supersededAt(entry.getKey(), exclusive) <= retentionCutoff) {
        garbage.add(entry.getValue());
        addShards(manifest.get(), expired);
      } else {
        addShards(manifest.get(), kept);
      }
    }
    return Optional.of(kept);
  }

  /** When the first exclusive manifest that supersedes append {@code writeId} was created. */
  private static long supersededAt(String writeId, Map<Long, Manifest> exclusive) {
    long first = Long.MAX_VALUE;
    for (Manifest manifest : exclusive.values()) {
      if (manifest.supersedes().contains(writeId)) {
        first = Math.min(first, manifest.createdAt().toEpochMilli());
      }
    }
    return first;
  }

  private static void addShards(Manifest manifest, Set<String> kept) {
    for (ShardFile shard : manifest.shards()) {
      kept.add(shard.fileName());
    }
  }

  private Optional<Manifest> readOrWarn(ResourceId file) {
    try {
      return ManifestFiles.read(file, paths);
    } catch (IOException | CheckpointCorruptedException e) {
      LOG.warn("Garbage collection skips {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }
}
