package org.checkpointio.format.arrow;

import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;

/**
 * Arrow Java's body compression, except that an empty buffer is written as "not compressed"
 * (uncompressed length -1, as the IPC format allows) instead of as a zero-length compressed
 * buffer. Arrow Java 15 writes the latter, and pyarrow and Polars cannot read such an empty
 * LZ4_FRAME buffer ("Lz4 compressed input contains less than one frame").
 */
final class PortableCompression implements CompressionCodec.Factory {
  static final PortableCompression INSTANCE = new PortableCompression();

  private PortableCompression() {}

  @Override
  public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
    return new EmptyBuffersUncompressed(CommonsCompressionFactory.INSTANCE.createCodec(codecType));
  }

  @Override
  public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int level) {
    return new EmptyBuffersUncompressed(
        CommonsCompressionFactory.INSTANCE.createCodec(codecType, level));
  }

  private static final class EmptyBuffersUncompressed implements CompressionCodec {
    private final CompressionCodec codec;

    EmptyBuffersUncompressed(CompressionCodec codec) {
      this.codec = codec;
    }

    @Override
    public ArrowBuf compress(BufferAllocator allocator, ArrowBuf uncompressed) {
      if (uncompressed.writerIndex() != 0) {
        return codec.compress(allocator, uncompressed);
      }
      ArrowBuf marker = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
      marker.setLong(0, CompressionUtil.NO_COMPRESSION_LENGTH);
      marker.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH);
      uncompressed.close(); // the wrapped codecs take ownership of the input too
      return marker;
    }

    @Override
    public ArrowBuf decompress(BufferAllocator allocator, ArrowBuf compressed) {
      return codec.decompress(allocator, compressed);
    }

    @Override
    public CompressionUtil.CodecType getCodecType() {
      return codec.getCodecType();
    }
  }
}
