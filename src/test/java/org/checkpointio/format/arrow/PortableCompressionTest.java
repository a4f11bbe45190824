package org.checkpointio.format.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Empty buffers go out marked "not compressed", which every IPC reader accepts; pyarrow and
 * Polars reject the zero-length LZ4 frame Arrow Java 15 writes otherwise.
 */
class PortableCompressionTest {
  @ParameterizedTest
  @EnumSource(
      value = CompressionUtil.CodecType.class,
      names = {"LZ4_FRAME", "ZSTD"})
  void emptyBuffersAreMarkedUncompressedAndOthersRoundTrip(CompressionUtil.CodecType type) {
    try (BufferAllocator allocator = new RootAllocator()) {
      CompressionCodec codec = PortableCompression.INSTANCE.createCodec(type);

      ArrowBuf empty = allocator.buffer(0);
      try (ArrowBuf marked = codec.compress(allocator, empty)) {
        assertEquals(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, marked.writerIndex());
        assertEquals(CompressionUtil.NO_COMPRESSION_LENGTH, marked.getLong(0));
      }

      byte[] text = "checkpoint ".repeat(100).getBytes(StandardCharsets.UTF_8);
      ArrowBuf input = allocator.buffer(text.length);
      input.setBytes(0, text);
      input.writerIndex(text.length);
      ArrowBuf compressed = codec.compress(allocator, input);
      assertEquals(text.length, compressed.getLong(0), "the uncompressed length comes first");
      try (ArrowBuf back = codec.decompress(allocator, compressed)) { // takes compressed over
        byte[] out = new byte[(int) back.writerIndex()];
        back.getBytes(0, out);
        assertArrayEquals(text, out);
      }
    }
  }
}
