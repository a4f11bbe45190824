package org.checkpointio.read;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.format.ShardChecksum;
import org.checkpointio.format.ShardToRead;
import org.checkpointio.layout.CheckpointPaths;

/**
 * Checks that a pinned shard is still there with the size and the CRC32C its manifest recorded,
 * and passes it on. A missing, resized or altered shard fails the read rather than returning
 * part of a write, or another write's rows. The check streams the whole file once; a shard whose
 * manifest recorded no CRC32C (format version 1) is checked by size only.
 */
final class VerifyPinnedShard extends DoFn<PinnedShard, PinnedShard> {
  private final Counter filesRead;
  private final Counter bytesRead;

  VerifyPinnedShard(CheckpointPaths paths) {
    String name = paths.name();
    this.filesRead = Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.filesRead(name));
    this.bytesRead = Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.bytesRead(name));
  }

  @ProcessElement
  public void process(@Element PinnedShard shard, OutputReceiver<PinnedShard> out)
      throws IOException {
    long size = verify(shard);
    filesRead.inc();
    bytesRead.inc(size);
    out.output(shard);
  }

  /**
   * Checks one shard; returns its size.
   *
   * @throws org.checkpointio.CheckpointCorruptedException naming the file if it is missing,
   *     resized or altered
   */
  static long verify(PinnedShard shard) throws IOException {
    ResourceId file = FileSystems.matchNewResource(shard.path(), false);
    Optional<MatchResult.Metadata> found = StoredFiles.find(file);
    if (found.isEmpty()) {
      throw shard.missing(null);
    }
    long size = found.get().sizeBytes();
    if (size != shard.sizeBytes()) {
      throw new CheckpointCorruptedException(
          shard.path(),
          String.format(
              "Shard %s has %d bytes but its manifest recorded %d: the file was truncated or "
                  + "replaced. Re-run the write that produces it.",
              shard.path(), size, shard.sizeBytes()));
    }
    String recorded = shard.crc32c();
    if (recorded != null) {
      String actual = checksum(shard, file);
      if (!actual.equals(recorded)) {
        throw new CheckpointCorruptedException(
            shard.path(),
            String.format(
                "Shard %s has CRC32C %s but its manifest recorded %s: its bytes were damaged or "
                    + "replaced after the write. Re-run the write that produces it.",
                shard.path(), actual, recorded));
      }
    }
    return size;
  }

  private static String checksum(PinnedShard shard, ResourceId file) throws IOException {
    try (ReadableByteChannel channel = FileSystems.open(file)) {
      return ShardChecksum.of(channel);
    } catch (IOException e) {
      if (ShardToRead.isMissingFile(e)) {
        throw shard.missing(e);
      }
      throw e;
    }
  }
}
