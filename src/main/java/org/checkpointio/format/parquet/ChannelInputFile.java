package org.checkpointio.format.parquet;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.checkpointio.files.StoredFiles;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/** A Parquet {@link InputFile} over any Beam file system, without Hadoop's file systems. */
final class ChannelInputFile implements InputFile {
  private final ResourceId file;
  private final long length;

  ChannelInputFile(ResourceId file, long length) {
    this.file = file;
    this.length = length;
  }

  static ChannelInputFile open(ResourceId file) throws IOException {
    long length =
        StoredFiles.find(file)
            .orElseThrow(() -> new FileNotFoundException("No such shard: " + file))
            .sizeBytes();
    return new ChannelInputFile(file, length);
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public SeekableInputStream newStream() throws IOException {
    SeekableByteChannel channel = (SeekableByteChannel) FileSystems.open(file);
    return new DelegatingSeekableInputStream(Channels.newInputStream(channel)) {
      @Override
      public long getPos() throws IOException {
        return channel.position();
      }

      @Override
      public void seek(long newPos) throws IOException {
        channel.position(newPos);
      }

      @Override
      public int read(ByteBuffer buffer) throws IOException {
        return channel.read(buffer);
      }

      @Override
      public void readFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
          if (channel.read(buffer) < 0) {
            throw new java.io.EOFException("Unexpected end of " + file);
          }
        }
      }
    };
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
