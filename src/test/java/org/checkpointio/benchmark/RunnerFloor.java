package org.checkpointio.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.format.ReadShardBlocks;
import org.checkpointio.format.ShardToRead;

/**
 * What the runner alone costs, with no file at all. The write generates the rows as the other
 * writes do and drops them in a DoFn: a write's time above it is what writing costs. The read
 * runs CheckpointIO's own shard reader over shards that are not files, handing one prebuilt row
 * on per row, and counts them as the other reads do: a read's time above it is what finding,
 * opening and decoding the files costs.
 */
final class RunnerFloor implements Candidate {
  private final String runner;

  RunnerFloor(String runner) {
    this.runner = runner;
  }

  @Override
  public String name() {
    return "runner floor";
  }

  @Override
  public String runner() {
    return runner;
  }

  @Override
  public String kind() {
    return "floor";
  }

  @Override
  public String format() {
    return "none";
  }

  private static final Row ONE_ORDER = OrdersTable.row(1);

  @Override
  public Measurement write(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    OrdersTable.generate(pipeline, rows).apply("Drop", ParDo.of(new Drop()));
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  @Override
  public Measurement read(long rows, Path dir) throws Exception {
    Pipeline pipeline = BeamRunners.create(runner);
    long shards = Math.max(1, (rows + ROWS_PER_SHARD - 1) / ROWS_PER_SHARD);
    List<FloorShard> names = new ArrayList<>();
    for (long shard = 0; shard < shards; shard++) {
      names.add(new FloorShard(String.valueOf(shard)));
    }
    PCollection<Row> orders =
        pipeline
            .apply("Shards", Create.of(names).withCoder(SerializableCoder.of(FloorShard.class)))
            .apply("SpreadShards", Reshuffle.viaRandomKey())
            .apply("ReadShards", ParDo.of(new ReadPrebuiltShards(rows)))
            .setRowSchema(OrdersTable.SCHEMA);
    BeamRunners.assertRowCount(orders, rows);
    return Measurement.of(() -> BeamRunners.run(pipeline), dir);
  }

  /** Shard {@code path} of the table: a number, never a file. */
  private record FloorShard(String path) implements ShardToRead {
    @Override
    public CheckpointCorruptedException missing(Throwable cause) {
      return new CheckpointCorruptedException(path, "The floor has no shard " + path, cause);
    }
  }

  /** Rows per block of the floor's shards: the default rows per Arrow record batch. */
  private static final int ROWS_PER_BLOCK = 65_536;

  private static final long ROWS_PER_SHARD = 4L * ROWS_PER_BLOCK;

  /**
   * CheckpointIO's shard reader with nothing to read: shard {@code i} of the table holds up to
   * four blocks of {@link #ROWS_PER_BLOCK} rows, and a block's rows are one prebuilt row handed
   * on again and again. Restrictions, splitting, claiming and counting are the reader's own.
   */
  @DoFn.BoundedPerElement
  private static final class ReadPrebuiltShards extends ReadShardBlocks {
    private final long rows;

    ReadPrebuiltShards(long rows) {
      super("the runner floor", Metrics.counter("benchmark", "floorRowsRead"));
      this.rows = rows;
    }

    @Override
    protected OpenShard open(String name) {
      long first = Long.parseLong(name) * ROWS_PER_SHARD;
      long inShard = Math.min(ROWS_PER_SHARD, rows - first);
      return new OpenShard() {
        @Override
        public int blockCount() {
          return (int) ((inShard + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK);
        }

        @Override
        public Iterator<Row> readBlock(int block) {
          long inBlock = Math.min(ROWS_PER_BLOCK, inShard - (long) block * ROWS_PER_BLOCK);
          return new Iterator<>() {
            private long handedOn;

            @Override
            public boolean hasNext() {
              return handedOn < inBlock;
            }

            @Override
            public Row next() {
              if (handedOn == inBlock) {
                throw new NoSuchElementException();
              }
              handedOn++;
              return ONE_ORDER;
            }
          };
        }

        @Override
        public void close() {}
      };
    }
  }

  private static final class Drop extends DoFn<Row, Void> {
    @ProcessElement
    public void process(@Element Row row) {}
  }
}
