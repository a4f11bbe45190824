package org.checkpointio.format.arrow;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.compression.NoCompressionCodec;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Writes rows into one Arrow IPC file: the magic and schema first, then one record batch per
 * {@code batchRows} rows, then the footer that lists the batches.
 *
 * <p>Memory is one batch: rows are written into vectors that are reused for every batch. A
 * batch is also closed early once its strings and bytes reach {@link #MAX_BATCH_DATA_BYTES}, so
 * wide values cannot grow it without bound (nor past the 2 GiB an Arrow vector can address).
 * The vectors live in an allocator of this writer's own, closed when the file is finished or the
 * write fails; closing it checks that nothing leaked.
 */
final class RowArrowSink implements FileIO.Sink<Row> {
  static final long MAX_BATCH_DATA_BYTES = 64L * 1024 * 1024;

  private final Schema schema;
  private final int batchRows;
  private final CompressionUtil.CodecType codec;

  private transient BufferAllocator allocator;
  private transient VectorSchemaRoot root;
  private transient ArrowRowCodec.RowWriter rows;
  private transient ArrowShardWriter writer;
  private transient int batchSize;
  private transient long batchDataBytes;
  private transient boolean released;

  RowArrowSink(Schema schema, int batchRows, CompressionUtil.CodecType codec) {
    this.schema = schema;
    this.batchRows = batchRows;
    this.codec = codec;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    ArrowRowCodec rowCodec = ArrowRowCodec.of(schema);
    allocator = ArrowMemory.newAllocator("write shard");
    released = false;
    try {
      root = VectorSchemaRoot.create(rowCodec.arrowSchema(), allocator);
      rows = rowCodec.writer(root);
      writer =
          new ArrowShardWriter(
              root,
              allocator,
              channel,
              codec == CompressionUtil.CodecType.NO_COMPRESSION
                  ? NoCompressionCodec.Factory.INSTANCE
                  : PortableCompression.INSTANCE,
              codec);
      writer.start();
    } catch (IOException | RuntimeException e) {
      releaseAfter(e);
      throw e;
    }
    batchSize = 0;
    batchDataBytes = 0;
  }

  @Override
  public void write(Row row) throws IOException {
    try {
      batchDataBytes += rows.write(batchSize++, row);
      if (batchSize == batchRows || batchDataBytes >= MAX_BATCH_DATA_BYTES) {
        writeBatch();
      }
    } catch (IOException | RuntimeException e) {
      releaseAfter(e);
      throw e;
    }
  }

  /** Finishes the file: the last batch, then the footer. Beam closes the channel. */
  @Override
  public void flush() throws IOException {
    try {
      if (batchSize > 0) {
        writeBatch();
      }
      // end() rather than close(): the channel belongs to Beam, which closes it after flush.
      writer.end();
    } catch (IOException | RuntimeException e) {
      releaseAfter(e);
      throw e;
    }
    release();
  }

  private void writeBatch() throws IOException {
    root.setRowCount(batchSize);
    writer.writeRootAsBatch();
    // Keeps the buffers for the next batch; only their contents are cleared.
    for (FieldVector vector : root.getFieldVectors()) {
      vector.reset();
    }
    batchSize = 0;
    batchDataBytes = 0;
  }

  /** Bytes this writer's allocator holds: one batch's vectors while writing, 0 once finished. */
  long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Frees the vectors and closes the allocator, which throws if a buffer is still held. */
  private void release() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (root != null) {
        root.close();
      }
    } finally {
      allocator.close();
    }
  }

  private void releaseAfter(Exception failure) {
    try {
      release();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
