package org.checkpointio.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.zip.CRC32C;

/**
 * The CRC32C of a shard file's bytes, in the form a manifest records it: 8 lower-case hex digits
 * of the big-endian value. Fed as the file is written, or by streaming a stored file through it.
 */
public final class ShardChecksum {
  /** Large enough for the intrinsic to dominate, small enough for any worker. */
  private static final int READ_BUFFER_BYTES = 256 * 1024;

  private final CRC32C crc = new CRC32C();

  /** Adds the remaining bytes of {@code bytes}, consuming them. */
  public void update(ByteBuffer bytes) {
    crc.update(bytes);
  }

  /** The checksum of everything added so far. */
  public String value() {
    return String.format("%08x", crc.getValue());
  }

  /** The checksum of everything {@code channel} holds from its position on, read in one pass. */
  public static String of(ReadableByteChannel channel) throws IOException {
    ShardChecksum checksum = new ShardChecksum();
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      checksum.update(buffer);
      buffer.clear();
    }
    return checksum.value();
  }
}
