package org.checkpointio.write;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.ConcurrentCheckpointWriteException;
import org.checkpointio.SchemaMismatchException;
import org.checkpointio.cleanup.DeleteDirectoryTree;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommitFiles;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.LibraryVersion;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;
import org.checkpointio.schema.SchemaAlignment;
import org.joda.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single commit step of a write: runs once, after every shard is written, moves the shards
 * from the temporary directory into the checkpoint's directory, checks each one, and creates the
 * manifest — once, whole, and only if its name is free.
 *
 * <ul>
 *   <li>Exclusive: the write started from exclusive version {@code base} (read when the pipeline
 *       was built) and creates {@code _manifest-{base+1}.json}. If another write created that
 *       version, or a later one, first, this write lost: it removes its own shards and fails with
 *       {@link ConcurrentCheckpointWriteException}; nothing of the winner is touched. The new
 *       manifest supersedes every append manifest present at the commit.
 *   <li>Append: the write's own {@code _append-{writeId}.json}. The schema and the file format
 *       must still equal the checkpoint's (another job may have committed first).
 * </ul>
 *
 * <p>After the commit, {@link CollectGarbage} removes what no manifest needs any more.
 *
 * <p>Idempotent: a retried bundle finds its manifest already created and only finishes the work.
 *
 * <p>A commit never brings back a tree that was deleted while its write ran (by cleanup, or the
 * launcher after the job failed): the write's {@code _writing} marker must be there before and
 * after the manifest is created; cleanup deletes the marker, and lists the tree a second time.
 */
final class CommitManifest extends DoFn<List<PlannedShard>, Manifest> {
  private static final Logger LOG = LoggerFactory.getLogger(CommitManifest.class);

  private final CheckpointPaths paths;
  private final TempShardFiles files;
  private final String writeId;
  private final CheckpointFormat format;
  private final Schema schema;
  private final boolean append;
  private final long baseVersion;
  private final Duration retention;
  private final Duration gracePeriod;
  private final @Nullable String producerVersion;
  private final Counter rowsWritten;
  private final Counter bytesWritten;
  private final Counter filesWritten;

  CommitManifest(
      CheckpointPaths paths,
      TempShardFiles files,
      String writeId,
      CheckpointFormat format,
      Schema schema,
      WriteSettings settings) {
    this.paths = paths;
    this.files = files;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
    this.append = settings.append();
    this.baseVersion = settings.baseVersion();
    this.retention = settings.retention();
    this.gracePeriod = settings.gracePeriod();
    this.producerVersion = settings.producerVersion();
    String name = paths.name();
    this.rowsWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.rowsWritten(name));
    this.bytesWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.bytesWritten(name));
    this.filesWritten =
        Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.filesWritten(name));
  }

  @ProcessElement
  public void process(
      @Element List<PlannedShard> planned, OutputReceiver<Manifest> out, PipelineOptions options)
      throws IOException, InterruptedException {
    out.output(commit(planned, options));
  }

  /** Commits the planned shards; returns the manifest committed (by this or an earlier try). */
  Manifest commit(List<PlannedShard> planned, PipelineOptions options)
      throws IOException, InterruptedException {
    ResourceId target =
        append ? paths.appendManifest(writeId) : paths.exclusiveManifest(baseVersion + 1);
    Optional<Manifest> done = ManifestFiles.read(target, paths);
    if (done.isPresent() && done.get().writeId().equals(writeId)) {
      LOG.info("Checkpoint '{}' write {} was committed already", paths.name(), writeId);
      return finish(done.get());
    }
    LOG.info(
        "Committing checkpoint '{}' write {}: {} shards, as {}",
        paths.name(),
        writeId,
        planned.size(),
        target.getFilename());
    if (!append) {
      checkNotOvertaken(CommitFiles.in(paths), planned);
    }
    if (!files.stillMarked()) {
      throw treeDeleted(planned);
    }
    List<ShardFile> shards = moveShardsIn(planned);
    Manifest manifest = manifest(shards);
    if (append) {
      checkContract(CommittedManifests.read(paths), planned);
    }
    if (!ManifestFiles.createIfAbsent(manifest, target, options)) {
      Optional<Manifest> winner = ManifestFiles.read(target, paths);
      if (winner.isPresent() && winner.get().writeId().equals(writeId)) {
        return finish(winner.get()); // a retry of this very commit got there first
      }
      throw lost(winner.map(Manifest::writeId).orElse("(unknown)"), planned);
    }
    if (!append) {
      checkNotOvertaken(CommitFiles.in(paths), planned, target);
    }
    if (!files.stillMarked()) {
      StoredFiles.delete(List.of(target));
      throw treeDeleted(planned);
    }
    return finish(manifest);
  }

  /** Counts and logs a committed manifest, after removing what it made garbage. */
  private Manifest finish(Manifest manifest)
      throws IOException, InterruptedException {
    // Every shard is in place, so whatever is left in the temporary directory is garbage: files
    // of failed or retried bundles, and the marker.
    DeleteDirectoryTree.delete(files.directory());
    long collected =
        new CollectGarbage(paths, retention, gracePeriod).collect(Instant.now());
    // One lineage entry per checkpoint, its directory, however many shards it has.
    FileSystems.reportSinkLineage(paths.directory());
    rowsWritten.inc(manifest.totalRows());
    bytesWritten.inc(manifest.totalBytes());
    filesWritten.inc(manifest.shards().size());
    LOG.info(
        "Committed checkpoint '{}' write {} at {}: {} rows, {} bytes in {} shards; "
            + "collected {} files no manifest needs",
        paths.name(),
        writeId,
        CommittedManifests.location(paths, manifest),
        manifest.totalRows(),
        manifest.totalBytes(),
        manifest.shards().size(),
        collected);
    return manifest;
  }

  private Manifest manifest(List<ShardFile> shards) throws IOException {
    return Manifest.builder()
        .setAppend(append)
        .setVersion(append ? 0 : baseVersion + 1)
        .setSupersedes(
            append ? List.of() : new ArrayList<>(CommitFiles.in(paths).appendManifests().keySet()))
        .setName(paths.name())
        .setScope(paths.tree().scope())
        .setId(paths.tree().id())
        .setWriteId(writeId)
        .setFileFormat(format)
        .setSchema(schema)
        .setShards(shards)
        .setCreatedAt(Instant.now())
        .setLibraryVersion(LibraryVersion.library())
        .setBeamVersion(LibraryVersion.beam())
        .setProducerVersion(producerVersion)
        .build();
  }

  /**
   * Moves the shards into the checkpoint's directory (a source already gone was moved by an
   * earlier attempt), then checks that each is there with the size it was written with: no
   * manifest ever lists a missing shard.
   */
  private List<ShardFile> moveShardsIn(List<PlannedShard> planned) throws IOException {
    List<ResourceId> sources = new ArrayList<>();
    List<ResourceId> targets = new ArrayList<>();
    for (PlannedShard shard : planned) {
      ResourceId source = files.file(shard.tempFileName());
      if (StoredFiles.find(source).isPresent()) {
        sources.add(source);
        targets.add(paths.file(shard.shard().fileName()));
      }
    }
    if (!sources.isEmpty()) {
      FileSystems.rename(sources, targets);
    }
    List<ShardFile> shards = new ArrayList<>(planned.size());
    for (PlannedShard plan : planned) {
      ShardFile shard = plan.shard();
      ResourceId file = paths.file(shard.fileName());
      Optional<MatchResult.Metadata> found = StoredFiles.find(file);
      if (found.isEmpty() || found.get().sizeBytes() != shard.sizeBytes()) {
        throw new CheckpointCorruptedException(
            file.toString(),
            String.format(
                "Write %s of checkpoint '%s' cannot commit: its shard %s is %s, but %d bytes were"
                    + " written. Nothing was committed; re-run the write.",
                writeId,
                paths.name(),
                file,
                found.map(f -> "of " + f.sizeBytes() + " bytes").orElse("missing"),
                shard.sizeBytes()));
      }
      shards.add(shard);
    }
    return shards;
  }

  /** Fails if another exclusive write committed this version, or a later one, first. */
  private void checkNotOvertaken(CommitFiles commits, List<PlannedShard> planned)
      throws IOException {
    checkNotOvertaken(commits, planned, null);
  }

  private void checkNotOvertaken(
      CommitFiles commits, List<PlannedShard> planned, ResourceId created) throws IOException {
    OptionalLong latest = commits.latestVersion();
    long ours = baseVersion + 1;
    if (latest.isEmpty() || latest.getAsLong() < ours) {
      return;
    }
    if (created != null && latest.getAsLong() == ours) {
      return;
    }
    ResourceId winner = commits.latestExclusive().orElseThrow();
    String winnerId;
    try {
      winnerId = ManifestFiles.read(winner, paths).map(Manifest::writeId).orElse("(unknown)");
    } catch (IOException | CheckpointCorruptedException unreadable) {
      winnerId = "(unreadable " + winner.getFilename() + ")";
    }
    if (created != null) {
      StoredFiles.delete(List.of(created));
    }
    throw lost(winnerId, planned);
  }

  private ConcurrentCheckpointWriteException lost(String winnerId, List<PlannedShard> planned)
      throws IOException {
    removeOwnFiles(planned);
    return new ConcurrentCheckpointWriteException(
        paths.name(),
        writeId,
        winnerId,
        String.format(
            "CheckpointIO.write(\"%s\") could not commit write %s: write %s committed the"
                + " checkpoint at %s after this write started from version %d. Nothing of write"
                + " %s was touched, and this write's shards were removed. Two exclusive writes of"
                + " one name ran at once (a retry while the first attempt still ran?): re-run"
                + " this write to replace the checkpoint, or give concurrent writers different"
                + " names.",
            paths.name(),
            writeId,
            winnerId,
            paths.directory(),
            baseVersion,
            winnerId));
  }

  private IllegalStateException treeDeleted(List<PlannedShard> planned) throws IOException {
    removeOwnFiles(planned);
    StoredFiles.removeEmptyDirectories(paths.tree().directory());
    return new IllegalStateException(
        String.format(
            "CheckpointIO.write(\"%s\") write %s did not commit: its tree %s was deleted while"
                + " it ran (by cleanup, a sweep, or the launcher after the job failed), so"
                + " committing would bring it back. Nothing was committed.",
            paths.name(), writeId, paths.tree().directory()));
  }

  /** Deletes this write's shards and temporary directory: only names carrying its write id. */
  private void removeOwnFiles(List<PlannedShard> planned) throws IOException {
    List<ResourceId> own = new ArrayList<>();
    for (PlannedShard shard : planned) {
      own.add(paths.file(shard.shard().fileName()));
    }
    StoredFiles.delete(own);
    try {
      DeleteDirectoryTree.delete(files.directory());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while removing " + files.directory(), e);
    }
  }

  /**
   * The construction-time alignment used the contract seen then; a writer in another job may
   * have committed a different one, or another file format, since. Committing anyway would make
   * the union unreadable.
   */
  private void checkContract(List<Manifest> live, List<PlannedShard> planned) throws IOException {
    if (live.isEmpty()) {
      return;
    }
    Manifest first = live.get(0);
    if (first.fileFormat() != format) {
      removeOwnFiles(planned);
      throw new IllegalStateException(
          String.format(
              "CheckpointIO.write(\"%s\").withAppend() wrote %s shards, but write %s committed"
                  + " the checkpoint as %s while this write ran; a checkpoint has one format."
                  + " Nothing was committed; re-run this write with .withFormat(%s).",
              paths.name(), format, first.writeId(), first.fileFormat(), first.fileFormat()));
    }
    if (first.schema().equals(schema)) {
      return;
    }
    removeOwnFiles(planned);
    Schema contract = first.schema();
    SchemaAlignment.plan(paths.name(), contract, schema, false); // names the field, if one
    throw new SchemaMismatchException(
        paths.name(),
        "(whole schema)",
        contract.toString(),
        schema.toString(),
        "Another writer committed this contract while this write ran; re-run this write so that "
            + "it aligns to it.");
  }
}
