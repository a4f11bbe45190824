package org.checkpointio;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ReadShardBlocks;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.format.ShardToRead;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;

/** Drives a format's shard reader as a runner does once it has split a shard: split by split. */
public final class ShardReads {
  /** Outside a pipeline there is no metrics container; the count goes nowhere. */
  private static final Counter ROWS_READ = Metrics.counter(ShardReads.class, "rowsRead");

  private ShardReads() {}

  /** The shard files a committed checkpoint lists, as full paths. */
  public static List<String> shards(CheckpointContext context, CheckpointScope scope, String name)
      throws Exception {
    var paths = context.paths(scope, name);
    Manifest manifest = CommittedManifests.exclusive(paths).get();
    List<String> files = new ArrayList<>();
    manifest.shards().forEach(shard -> files.add(paths.file(shard.fileName()).toString()));
    return files;
  }

  /** The rows of each split of {@code file}, read on their own, in split order. */
  public static List<List<Row>> readEachSplit(
      CheckpointFormat format, Schema schema, Schema outputSchema, String file) {
    return readEachSplit(format, schema, outputSchema, new FileOutsideAnyCheckpoint(file));
  }

  /** The rows of each split of {@code file}, read on their own, in split order. */
  public static List<List<Row>> readEachSplit(
      CheckpointFormat format, Schema schema, Schema outputSchema, ShardToRead file) {
    return readEachSplit(format, schema, outputSchema, file, () -> {});
  }

  /** What happens between a runner's splitting of a shard and its reading of the splits. */
  public interface BetweenSplitAndRead {
    void run() throws Exception;
  }

  /**
   * The rows of each split of {@code file}, read on their own, in split order, after {@code
   * between} ran.
   */
  public static List<List<Row>> readEachSplit(
      CheckpointFormat format,
      Schema schema,
      Schema outputSchema,
      ShardToRead file,
      BetweenSplitAndRead between) {
    ReadShardBlocks reader = ShardFormats.of(format).newReader(schema, outputSchema, ROWS_READ);
    reader.setup();
    List<OffsetRange> splits = new ArrayList<>();
    reader.splitRestriction(reader.initialRestriction(file), collect(splits));
    try {
      between.run();
    } catch (Exception e) {
      throw new IllegalStateException("between split and read", e);
    }
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

  /** A file read on its own: no manifest says why it could be missing. */
  private record FileOutsideAnyCheckpoint(String path) implements ShardToRead {
    @Override
    public CheckpointCorruptedException missing(Throwable cause) {
      return new CheckpointCorruptedException(path, "Shard " + path + " is missing", cause);
    }
  }

  /**
   * A receiver that collects what is output. A proxy rather than a class: the interface gains
   * methods across Beam versions, and the tests compile against more than one.
   */
  @SuppressWarnings("unchecked")
  private static <T> DoFn.OutputReceiver<T> collect(List<T> into) {
    return (DoFn.OutputReceiver<T>)
        Proxy.newProxyInstance(
            DoFn.OutputReceiver.class.getClassLoader(),
            new Class<?>[] {DoFn.OutputReceiver.class},
            (proxy, method, args) -> {
              if (method.getName().startsWith("output") && args != null && args.length > 0) {
                into.add((T) args[0]);
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
