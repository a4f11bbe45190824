package org.checkpointio.write;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.cleanup.DeleteDirectoryTree;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.SchemaMismatchException;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.LibraryVersion;
import org.checkpointio.schema.SchemaAlignment;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single commit step of a write: runs once, after every shard is final, and writes the
 * manifest atomically.
 *
 * <ul>
 *   <li>Exclusive: {@code manifest.json} is replaced; it names the append manifests it supersedes,
 *       which are then deleted, and so are all shards no live manifest lists (older writes and
 *       writes that never committed).
 *   <li>Append: the write's own {@code manifest-{writeId}.json}; nothing else is touched. The
 *       schema must still equal the contract on storage (another job may have committed first).
 * </ul>
 *
 * <p>Idempotent: a retried bundle writes the same manifest again and deletes nothing more.
 *
 * <p>Concurrent exclusive writers of one name in different jobs are last-commit-wins: a commit
 * also collects the finished shards of a write that has not committed yet, whose reads then fail
 * as corrupted. Give concurrent writers different names.
 */
final class CommitManifest extends DoFn<List<ShardFile>, Manifest> {
  private static final Logger LOG = LoggerFactory.getLogger(CommitManifest.class);

  private final CheckpointPaths paths;
  private final String writeId;
  private final CheckpointFormat format;
  private final Schema schema;
  private final boolean append;
  private final Counter rowsWritten;
  private final Counter bytesWritten;
  private final Counter filesWritten;

  CommitManifest(
      CheckpointPaths paths,
      String writeId,
      CheckpointFormat format,
      Schema schema,
      boolean append) {
    this.paths = paths;
    this.append = append;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
    String name = paths.name();
    this.rowsWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.rowsWritten(name));
    this.bytesWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.bytesWritten(name));
    this.filesWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.filesWritten(name));
  }

  @ProcessElement
  public void process(@Element List<ShardFile> shards, OutputReceiver<Manifest> out)
      throws IOException {
    List<Manifest> live = CommittedManifests.read(paths);
    Manifest manifest =
        Manifest.builder()
            .setAppend(append)
            .setSupersedes(append ? List.of() : appendWriteIds(live))
            .setName(paths.name())
            .setScope(paths.tree().scope())
            .setId(paths.tree().id())
            .setWriteId(writeId)
            .setFileFormat(format)
            .setSchema(schema)
            .setShards(new ArrayList<>(shards))
            .setCreatedAt(Instant.now())
            .setLibraryVersion(LibraryVersion.library())
            .setBeamVersion(LibraryVersion.beam())
            .build();
    int collected = 0;
    if (append) {
      checkContract(live);
      ManifestFiles.commit(manifest, paths.appendManifest(writeId));
    } else {
      ManifestFiles.commit(manifest, paths.manifest());
      collected = collectSuperseded(manifest);
    }
    removeTempDirectory();
    rowsWritten.inc(manifest.totalRows());
    bytesWritten.inc(manifest.totalBytes());
    filesWritten.inc(manifest.shards().size());
    LOG.info(
        "Committed checkpoint '{}' write {} at {}: {} rows, {} bytes in {} shards; "
            + "collected {} superseded shards",
        paths.name(),
        writeId,
        CommittedManifests.location(paths, manifest),
        manifest.totalRows(),
        manifest.totalBytes(),
        manifest.shards().size(),
        collected);
    out.output(manifest);
  }

  /**
   * Every shard is final, so whatever is left in this write's temporary directory is garbage:
   * files of failed or retried bundles, and empty shards of an earlier attempt of the finalize.
   */
  private void removeTempDirectory() throws IOException {
    try {
      DeleteDirectoryTree.delete(paths.tempDirectory(writeId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while removing " + paths.tempDirectory(writeId), e);
    }
  }

  private static List<String> appendWriteIds(List<Manifest> live) {
    return live.stream().filter(Manifest::append).map(Manifest::writeId).toList();
  }

  /**
   * The construction-time alignment used the contract seen then; a writer in another job may
   * have committed a different one since. Committing anyway would make the union unreadable.
   */
  private void checkContract(List<Manifest> live) {
    if (live.isEmpty() || live.get(0).schema().equals(schema)) {
      return;
    }
    Schema contract = live.get(0).schema();
    SchemaAlignment.plan(paths.name(), contract, schema, false); // names the field, if one
    throw new SchemaMismatchException(
        paths.name(),
        "(whole schema)",
        contract.toString(),
        schema.toString(),
        "Another writer committed this contract while this write ran; re-run this write so that "
            + "it aligns to it.");
  }

  /**
   * Deletes the append manifests the new exclusive manifest supersedes, then every shard no live
   * manifest lists: older writes and writes that never committed.
   */
  private int collectSuperseded(Manifest manifest) throws IOException {
    StoredFiles.delete(manifest.supersedes().stream().map(paths::appendManifest).toList());
    Set<String> listed =
        CommittedManifests.read(paths).stream()
            .flatMap(live -> live.shards().stream())
            .map(ShardFile::fileName)
            .collect(Collectors.toSet());
    List<ResourceId> unlisted =
        StoredFiles.listDirectory(paths.directory()).stream()
            .map(MatchResult.Metadata::resourceId)
            .filter(file -> CheckpointPaths.isShard(file.getFilename()))
            .filter(file -> !listed.contains(file.getFilename()))
            .collect(Collectors.toList());
    StoredFiles.delete(unlisted);
    return unlisted.size();
  }
}
