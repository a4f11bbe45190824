package org.checkpointio.format;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.OffsetRangeTracker;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.transforms.splittabledofn.SplitResult;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.checkpointio.CheckpointCorruptedException;

/**
 * Reads shard files block by block (Parquet row groups, Arrow record batches). The restriction
 * of a file is its range of block indices, split into one block each, so one large shard is read
 * by several workers, and a runner can split further while reading.
 *
 * <p>A shard that cannot be opened or decoded fails the read with a {@link
 * CheckpointCorruptedException} naming the file; one that is not there (any more) fails with the
 * one its {@link ShardToRead#missing} gives. Failures downstream of the output are not decode
 * failures and pass through as they are.
 */
public abstract class ReadShardBlocks extends DoFn<ShardToRead, Row> {
  private final String formatName;
  private final Counter rowsRead;

  /** Counts the rows it outputs in {@code rowsRead}, block by block. */
  protected ReadShardBlocks(String formatName, Counter rowsRead) {
    this.formatName = formatName;
    this.rowsRead = rowsRead;
  }

  /** A shard opened for reading; closing it releases everything it holds. */
  protected interface OpenShard extends AutoCloseable {
    int blockCount() throws IOException;

    /** The rows of block {@code block}, decoded as they are iterated, until the next call. */
    Iterator<Row> readBlock(int block) throws IOException;

    @Override
    void close() throws IOException;
  }

  /** Prepares what every shard shares, once per instance, before any shard is opened. */
  protected void prepare() {}

  protected abstract OpenShard open(String file) throws IOException;

  @Setup
  public final void setup() {
    prepare();
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element ShardToRead file) {
    try (OpenShard shard = decoding(file, () -> open(file.path()))) {
      return decoding(file, () -> new OffsetRange(0, shard.blockCount()));
    } catch (IOException e) {
      throw undecodable(file, e);
    }
  }

  @SplitRestriction
  public void splitRestriction(@Restriction OffsetRange blocks, OutputReceiver<OffsetRange> out) {
    for (long block = blocks.getFrom(); block < blocks.getTo(); block++) {
      out.output(new OffsetRange(block, block + 1));
    }
  }

  @NewTracker
  public OffsetRangeTracker newTracker(@Restriction OffsetRange blocks) {
    return new BlockRangeTracker(blocks);
  }

  @ProcessElement
  public void process(
      @Element ShardToRead file,
      RestrictionTracker<OffsetRange, Long> tracker,
      OutputReceiver<Row> out) {
    try (OpenShard shard = decoding(file, () -> open(file.path()))) {
      for (long block = tracker.currentRestriction().getFrom(); tracker.tryClaim(block); block++) {
        int index = (int) block;
        Iterator<Row> rows = decoding(file, () -> shard.readBlock(index));
        long count = 0;
        for (Row row = nextRow(file, rows); row != null; row = nextRow(file, rows)) {
          out.output(row);
          count++;
        }
        rowsRead.inc(count);
      }
    } catch (IOException e) {
      throw undecodable(file, e);
    }
  }

  /**
   * Block indices. Once the last block is claimed nothing is left to split off, and this says so
   * without the tracker's decimal arithmetic: the DirectRunner asks for a checkpoint at every
   * output after the first hundred of a call, so a split attempt is on the path of every row.
   */
  static final class BlockRangeTracker extends OffsetRangeTracker {
    BlockRangeTracker(OffsetRange blocks) {
      super(blocks);
    }

    @Override
    public @Nullable SplitResult<OffsetRange> trySplit(double fractionOfRemainder) {
      if (lastAttemptedOffset != null && lastAttemptedOffset + 1 >= range.getTo()) {
        return null;
      }
      return super.trySplit(fractionOfRemainder);
    }
  }

  /** The next decoded row of a block, or null at its end. */
  private Row nextRow(ShardToRead file, Iterator<Row> rows) {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (RuntimeException e) {
      throw undecodable(file, e);
    }
  }

  /** Runs one decoding step; its failure, and only its, is a corrupted shard. */
  private <T> T decoding(ShardToRead file, Callable<T> step) {
    try {
      return step.call();
    } catch (Exception e) {
      throw undecodable(file, e);
    }
  }

  private RuntimeException undecodable(ShardToRead file, Exception cause) {
    if (cause instanceof CheckpointCorruptedException) {
      return (CheckpointCorruptedException) cause;
    }
    if (ShardToRead.isMissingFile(cause)) {
      try {
        return file.missing(cause);
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e); // why it is gone is unknown; what failed is still reported
      }
    }
    String path = file.path();
    return new CheckpointCorruptedException(
        path, "Shard " + path + " cannot be decoded as " + formatName + ": " + cause, cause);
  }
}
