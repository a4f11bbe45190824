package org.checkpointio.benchmark;

import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.format.ShardChecksum;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ShardFile;

/** CheckpointIO: write the table as a checkpoint, read it back by name. */
final class CheckpointCandidate implements Candidate {
  private final CheckpointFormat format;
  private final String runner;

  CheckpointCandidate(CheckpointFormat format, String runner) {
    this.format = format;
    this.runner = runner;
  }

  @Override
  public String name() {
    return "CheckpointIO " + format;
  }

  @Override
  public String runner() {
    return runner;
  }

  @Override
  public String kind() {
    return "checkpoint";
  }

  @Override
  public String format() {
    return format.name();
  }

  private static CheckpointContext context(Path dir) {
    return CheckpointContext.of(dir.toString(), "bench");
  }

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    OrdersTable.generate(pipeline, rows)
        .apply(CheckpointIO.write("orders").to(context(dir)).withFormat(format));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    BeamRunners.assertRowCount(
        pipeline.apply(CheckpointIO.read("orders").from(context(dir))), rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  /**
   * What the read's shard verification does, alone and on one thread: every shard the checkpoint
   * lists, streamed once through CRC32C and compared with its manifest.
   */
  @Override
  public Optional<Measurement> verify(Path dir) throws Exception {
    CheckpointPaths paths = context(dir).paths(CheckpointScope.RUN, "orders");
    List<ShardFile> shards = new ArrayList<>();
    CommittedManifests.read(paths).forEach(manifest -> shards.addAll(manifest.shards()));
    return Optional.of(
        Measurement.of(
            () -> {
              for (ShardFile shard : shards) {
                String crc;
                try (ReadableByteChannel channel = FileSystems.open(paths.file(shard.fileName()))) {
                  crc = ShardChecksum.of(channel);
                }
                if (!crc.equals(shard.crc32c())) {
                  throw new IllegalStateException(shard.fileName() + " has CRC32C " + crc);
                }
              }
            },
            dir));
  }
}
