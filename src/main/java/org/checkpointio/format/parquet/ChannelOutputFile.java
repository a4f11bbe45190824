package org.checkpointio.format.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} over a channel that a Beam file system opened, without Hadoop's
 * file systems. The file is written once, front to back; closing the stream closes the channel.
 */
final class ChannelOutputFile implements OutputFile {
  /** Parquet writes page headers and footers in small pieces; the channel sees large writes. */
  private static final int BUFFER_BYTES = 256 * 1024;

  private final WritableByteChannel channel;

  ChannelOutputFile(WritableByteChannel channel) {
    this.channel = channel;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new CountingStream(
        new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES));
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  /** Blocks are a notion of HDFS; a channel has none. */
  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  /** Knows its position by counting what passed through, since the channel cannot seek. */
  private static final class CountingStream extends PositionOutputStream {
    private final OutputStream out;
    private long position;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      position++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
      position += length;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
