package org.checkpointio.read;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;

/**
 * Checks that a pinned shard is still there with the size its manifest recorded, and passes its
 * path on. A missing or resized shard fails the read rather than returning part of a write.
 */
final class VerifyPinnedShard extends DoFn<PinnedShard, String> {
  private final CheckpointPaths paths;
  private final Counter filesRead;
  private final Counter bytesRead;

  VerifyPinnedShard(CheckpointPaths paths) {
    this.paths = paths;
    String name = paths.name();
    this.filesRead = Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.filesRead(name));
    this.bytesRead = Metrics.counter(CheckpointMetrics.NAMESPACE, CheckpointMetrics.bytesRead(name));
  }

  @ProcessElement
  public void process(@Element PinnedShard shard, OutputReceiver<String> out) throws IOException {
    Optional<MatchResult.Metadata> found =
        StoredFiles.find(FileSystems.matchNewResource(shard.path(), false));
    if (found.isEmpty()) {
      throw missing(shard);
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
    filesRead.inc();
    bytesRead.inc(size);
    out.output(shard.path());
  }

  private CheckpointCorruptedException missing(PinnedShard shard) throws IOException {
    List<Manifest> live = CommittedManifests.read(paths);
    if (live.stream().noneMatch(manifest -> manifest.writeId().equals(shard.writeId()))) {
      String by =
          live.stream()
              .filter(manifest -> !manifest.append())
              .findFirst()
              .map(m -> " by write " + m.writeId())
              .orElse("");
      return new CheckpointCorruptedException(
          shard.path(),
          String.format(
              "Shard %s of write %s is gone: the checkpoint was overwritten%s (and the old shards "
                  + "collected) after this read resolved it. Re-run the read to see the new data.",
              shard.path(), shard.writeId(), by));
    }
    return new CheckpointCorruptedException(
        shard.path(),
        String.format(
            "Shard %s listed by manifest %s is missing. The checkpoint is damaged; "
                + "re-run the write that produces it.",
            shard.path(), shard.manifestPath()));
  }
}
