package org.checkpointio.format.arrow;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageMetadataResult;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * An Arrow IPC file opened for reading on any Beam file system: its footer lists the record
 * batches, and each one is loaded on its own. Holds one batch in memory at a time; closing
 * releases it and checks that no Arrow buffer was leaked.
 */
final class ArrowShardFile implements AutoCloseable {
  private final BufferAllocator allocator;
  private final SeekableByteChannel channel;
  private final ArrowFileReader reader;

  private ArrowShardFile(ResourceId file) throws IOException {
    channel = (SeekableByteChannel) FileSystems.open(file);
    allocator = ArrowMemory.newAllocator("read " + file);
    // Compressed batch bodies say which codec they use; the factory knows LZ4_FRAME and ZSTD.
    reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE);
  }

  static ArrowShardFile open(ResourceId file) throws IOException {
    return new ArrowShardFile(file);
  }

  /** The record batches, as the footer lists them. */
  List<ArrowBlock> batches() throws IOException {
    return reader.getRecordBlocks();
  }

  /** The number of rows, from each batch's metadata; batch bodies are not read. */
  long rowCount() throws IOException {
    long rows = 0;
    for (ArrowBlock block : batches()) {
      channel.position(block.getOffset());
      MessageMetadataResult message = MessageSerializer.readMessage(new ReadChannel(channel));
      if (message == null || message.getMessage().headerType() != MessageHeader.RecordBatch) {
        throw new IOException("No record batch message at offset " + block.getOffset());
      }
      rows += ((RecordBatch) message.getMessage().header(new RecordBatch())).length();
    }
    return rows;
  }

  /** Loads batch {@code batch} into the vectors of {@link #root()}, replacing the one before. */
  void load(int batch) throws IOException {
    reader.loadRecordBatch(batches().get(batch));
  }

  /** The vectors batches are loaded into; the same object for every batch. */
  VectorSchemaRoot root() throws IOException {
    return reader.getVectorSchemaRoot();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close(); // releases the loaded batch and closes the channel
    } finally {
      allocator.close();
    }
  }
}
