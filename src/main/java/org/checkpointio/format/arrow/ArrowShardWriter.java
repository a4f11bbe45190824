package org.checkpointio.format.arrow;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BufferLayout.BufferType;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.IpcOption;

/**
 * Arrow Java's IPC file writer, with record batches unloaded here rather than by its {@code
 * VectorUnloader}: an empty string, binary, list or map vector then still carries the one offset
 * (0) that the Arrow columnar format requires of an array of length 0 ("length + 1" offsets).
 * Arrow Java 15 writes an empty offsets buffer there, which some readers reject; Polars'
 * IPC reader panics on it. Everything else is as Arrow Java's own unloader does it.
 */
final class ArrowShardWriter extends ArrowFileWriter {
  private static final int OFFSET_BYTES = 4;

  private final VectorSchemaRoot root;
  private final BufferAllocator allocator;
  private final CompressionCodec codec;

  ArrowShardWriter(
      VectorSchemaRoot root,
      BufferAllocator allocator,
      WritableByteChannel out,
      CompressionCodec.Factory codecs,
      CompressionUtil.CodecType codecType) {
    super(root, null, out, Map.of(), IpcOption.DEFAULT, codecs, codecType);
    this.root = root;
    this.allocator = allocator;
    this.codec = codecs.createCodec(codecType);
  }

  /** Writes the rows now in the root's vectors as one record batch. */
  void writeRootAsBatch() throws IOException {
    List<ArrowFieldNode> nodes = new ArrayList<>();
    List<ArrowBuf> buffers = new ArrayList<>();
    try (ArrowRecordBatch batch = unload(nodes, buffers)) {
      writeRecordBatch(batch);
    }
  }

  private ArrowRecordBatch unload(List<ArrowFieldNode> nodes, List<ArrowBuf> buffers) {
    try {
      for (FieldVector vector : root.getFieldVectors()) {
        append(vector, nodes, buffers);
      }
    } catch (RuntimeException e) {
      buffers.forEach(ArrowBuf::close);
      throw e;
    }
    // The buffers are already retained (or new), so the batch must not retain them again.
    return new ArrowRecordBatch(
        root.getRowCount(),
        nodes,
        buffers,
        CompressionUtil.createBodyCompression(codec),
        true,
        false);
  }

  private void append(FieldVector vector, List<ArrowFieldNode> nodes, List<ArrowBuf> buffers) {
    nodes.add(new ArrowFieldNode(vector.getValueCount(), vector.getNullCount()));
    List<ArrowBuf> own = vector.getFieldBuffers();
    List<BufferType> types = TypeLayout.getTypeLayout(vector.getField().getType()).getBufferTypes();
    if (own.size() != types.size()) {
      throw new IllegalStateException(
          String.format(
              "Vector %s has %d buffers, but its type %s has %d",
              vector.getName(), own.size(), vector.getField().getType(), types.size()));
    }
    for (int i = 0; i < own.size(); i++) {
      ArrowBuf buffer = own.get(i);
      if (types.get(i) == BufferType.OFFSET && buffer.writerIndex() == 0) {
        buffer = allocator.buffer(OFFSET_BYTES);
        buffer.setInt(0, 0);
        buffer.writerIndex(OFFSET_BYTES);
      } else {
        buffer.getReferenceManager().retain(); // the codec releases what it compresses
      }
      buffers.add(codec.compress(allocator, buffer));
    }
    for (FieldVector child : vector.getChildrenFromFields()) {
      append(child, nodes, buffers);
    }
  }
}
