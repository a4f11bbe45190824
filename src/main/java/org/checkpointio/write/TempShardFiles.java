package org.checkpointio.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.io.Serializable;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;
import org.checkpointio.files.StoredFiles;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.layout.CheckpointPaths;

/**
 * Where and how one write makes its temporary shard files: its directory, format and schema, and
 * the check every row passes before it is written.
 */
final class TempShardFiles implements Serializable {
  private final CheckpointPaths paths;
  private final String writeId;
  private final ShardFormat format;
  private final Schema schema;
  private final NonNullableFieldCheck nonNullable;
  private transient boolean marked;

  TempShardFiles(CheckpointPaths paths, String writeId, ShardFormat format, Schema schema) {
    this.paths = paths;
    this.writeId = writeId;
    this.format = format;
    this.schema = schema;
    this.nonNullable = NonNullableFieldCheck.of(paths.name(), schema);
  }

  /**
   * Opens a new temporary shard file, once the format has what it needs of this JVM; the first one
   * of this instance marks the write started.
   */
  TempShardFile create() throws IOException {
    format.checkRuntime();
    if (!marked) {
      markWriting();
      marked = true;
    }
    return TempShardFile.create(paths.tempDirectory(writeId), format, schema, nonNullable);
  }

  /**
   * Leaves the write's in-progress marker (see {@link CheckpointPaths#writingMarker}); every
   * worker writes the same small file, so whichever is first, it is there before any shard.
   *
   * <p>It is left by the shard writers, not by a step of its own at the start of the job: such a
   * step runs even when no row reaches a writer, and on the DirectRunner it may still be running
   * when a failed job's launcher deletes the tree, bringing the tree back with only the marker.
   */
  private void markWriting() throws IOException {
    ResourceId marker = paths.writingMarker(writeId);
    if (StoredFiles.find(marker).isPresent()) {
      return;
    }
    String text =
        String.format("{\"writeId\": \"%s\", \"startedAt\": \"%s\"}%n", writeId, Instant.now());
    try (OutputStream out =
        Channels.newOutputStream(FileSystems.create(marker, MimeTypes.TEXT))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Another worker of this write created it first (an object store may refuse the second).
      if (StoredFiles.find(marker).isEmpty()) {
        throw e;
      }
    }
  }

  /** True once the written marker's file exists: the tree was not deleted under the write. */
  boolean stillMarked() throws IOException {
    return StoredFiles.find(paths.writingMarker(writeId)).isPresent();
  }

  /** The write's temporary directory. */
  ResourceId directory() {
    return paths.tempDirectory(writeId);
  }

  /** A temporary file by the name a {@link TempShardFile} reported. */
  ResourceId file(String fileName) {
    return paths.tempDirectory(writeId).resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
  }

  /** The final name of shard {@code shard} of {@code count}, in the checkpoint's directory. */
  ResourceId shard(int shard, int count) {
    return paths.file(CheckpointPaths.shardFileName(writeId, shard, count, format.fileSuffix()));
  }
}
