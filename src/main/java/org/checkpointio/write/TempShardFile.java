package org.checkpointio.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.UUID;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ShardChecksum;
import org.checkpointio.format.ShardFormat;
import org.checkpointio.manifest.ShardFile;

/**
 * One shard being written into a new, uniquely named file of a write's temporary directory,
 * through the format's sink. It counts the rows and bytes it writes and checksums the bytes as
 * they pass, so a finished shard is described without reading it back.
 */
final class TempShardFile {
  private final String fileName;
  private final CountingChannel channel;
  private final FileIO.Sink<Row> sink;
  private final NonNullableFieldCheck nonNullable;
  private long rows;

  private TempShardFile(
      String fileName,
      CountingChannel channel,
      FileIO.Sink<Row> sink,
      NonNullableFieldCheck nonNullable) {
    this.fileName = fileName;
    this.channel = channel;
    this.sink = sink;
    this.nonNullable = nonNullable;
  }

  /**
   * Opens a new file in {@code tempDirectory}, named by a fresh UUID and the format's suffix, for
   * rows of {@code schema} that pass {@code nonNullable}.
   */
  static TempShardFile create(
      ResourceId tempDirectory,
      ShardFormat format,
      Schema schema,
      NonNullableFieldCheck nonNullable)
      throws IOException {
    String fileName = UUID.randomUUID() + format.fileSuffix();
    ResourceId file = tempDirectory.resolve(fileName, StandardResolveOptions.RESOLVE_FILE);
    CountingChannel channel = new CountingChannel(FileSystems.create(file, MimeTypes.BINARY));
    FileIO.Sink<Row> sink = format.newSink(schema);
    try {
      sink.open(channel);
    } catch (IOException | RuntimeException e) {
      closeAfter(channel, e);
      throw e;
    }
    return new TempShardFile(fileName, channel, sink, nonNullable);
  }

  /**
   * @throws IllegalArgumentException if the row has null in a non-nullable field, before the
   *     format sees it; the file is then closed and left, with the write's temporary directory, for
   *     garbage collection
   */
  void write(Row row) throws IOException {
    try {
      nonNullable.check(row);
      sink.write(row);
    } catch (IOException | RuntimeException e) {
      closeAfter(channel, e);
      throw e;
    }
    rows++;
  }

  /**
   * Finishes the file (the format's footer) and closes it.
   *
   * @return its name within the temporary directory, its rows, bytes and CRC32C
   */
  ShardFile finish() throws IOException {
    try {
      sink.flush();
    } catch (IOException | RuntimeException e) {
      closeAfter(channel, e);
      throw e;
    }
    // A sink may close the channel itself (Parquet's does); closing an object-store upload twice
    // would complete it twice.
    if (channel.isOpen()) {
      channel.close();
    }
    return ShardFile.of(fileName, rows, channel.bytes, channel.checksum.value());
  }

  private static void closeAfter(WritableByteChannel channel, Exception failure) {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** Counts and checksums the bytes that reach the file. */
  private static final class CountingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    private final ShardChecksum checksum = new ShardChecksum();
    private long bytes;

    CountingChannel(WritableByteChannel out) {
      this.out = out;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
      int start = source.position();
      int written = out.write(source);
      // Only what the channel took: a short write leaves the rest for the next call.
      checksum.update(source.duplicate().position(start).limit(start + written));
      bytes += written;
      return written;
    }

    @Override
    public boolean isOpen() {
      return out.isOpen();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
