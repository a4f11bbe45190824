package org.checkpointio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ReadShardBlocks;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.joda.time.Instant;

/** Drives a format's shard reader as a runner does once it has split a shard: split by split. */
public final class ShardReads {
  private ShardReads() {}

  /** The shard files a committed checkpoint lists, as full paths. */
  public static List<String> shards(CheckpointContext context, CheckpointScope scope, String name)
      throws Exception {
    var paths = context.paths(scope, name);
    Manifest manifest = ManifestFiles.read(paths.manifest()).get();
    List<String> files = new ArrayList<>();
    manifest.shards().forEach(shard -> files.add(paths.file(shard.fileName()).toString()));
    return files;
  }

  /** The rows of each split of {@code file}, read on their own, in split order. */
  public static List<List<Row>> readEachSplit(
      CheckpointFormat format, Schema schema, Schema outputSchema, String file) {
    ReadShardBlocks reader = ShardFormats.of(format).newReader(schema, outputSchema);
    reader.setup();
    List<OffsetRange> splits = new ArrayList<>();
    reader.splitRestriction(reader.initialRestriction(file), collect(splits));
    List<List<Row>> rows = new ArrayList<>();
    for (OffsetRange split : splits) {
      List<Row> part = new ArrayList<>();
      reader.process(file, new OffsetRangeTracker(split), collect(part));
      rows.add(part);
    }
    return rows;
  }

  public static List<List<Row>> readEachSplit(CheckpointFormat format, Schema schema, Path file) {
    return readEachSplit(format, schema, schema, file.toString());
  }

  private static <T> DoFn.OutputReceiver<T> collect(List<T> into) {
    return new DoFn.OutputReceiver<T>() {
      @Override
      public void output(T output) {
        into.add(output);
      }

      @Override
      public void outputWithTimestamp(T output, Instant timestamp) {
        into.add(output);
      }
    };
  }
}
