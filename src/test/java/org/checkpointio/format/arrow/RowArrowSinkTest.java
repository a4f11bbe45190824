package org.checkpointio.format.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.TestRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard writer holds one batch in memory, reuses its vectors from batch to batch, and leaves
 * no Arrow buffer behind: its allocator holds zero bytes once the file is finished, or once a
 * write has failed.
 */
class RowArrowSinkTest {
  @TempDir Path dir;

  private static FileChannel create(Path file) throws Exception {
    return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static ArrowShardFile open(Path file) throws Exception {
    return ArrowShardFile.open(FileSystems.matchNewResource(file.toString(), false));
  }

  @Test
  void memoryIsOneBatchWhileWritingAndZeroOnceTheFileIsFinished() throws Exception {
    Path file = dir.resolve("orders.arrow");
    RowArrowSink sink =
        new RowArrowSink(TestRows.ORDER, 1_000, CompressionUtil.CodecType.NO_COMPRESSION);
    List<Long> heldAfterEachBatch = new ArrayList<>();
    try (FileChannel channel = create(file)) {
      sink.open(channel);
      for (long id = 0; id < 10_000; id++) {
        sink.write(TestRows.order(id));
        if (id % 1_000 == 999) {
          heldAfterEachBatch.add(sink.allocatedBytes());
        }
      }
      assertTrue(heldAfterEachBatch.get(0) > 0);
      // Vectors are reused: ten batches hold what the first one did.
      assertEquals(
          List.of(heldAfterEachBatch.get(0)),
          heldAfterEachBatch.stream().distinct().toList(),
          heldAfterEachBatch.toString());
      assertTrue(heldAfterEachBatch.get(0) < 1024 * 1024, heldAfterEachBatch.toString());
      sink.flush();
      assertEquals(0, sink.allocatedBytes());
    }
    try (ArrowShardFile shard = open(file)) {
      assertEquals(10, shard.batches().size());
      assertEquals(10_000, shard.rowCount());
    }
  }

  @Test
  void aBatchClosesEarlyWhenItsStringsAndBytesReachTheLimit() throws Exception {
    Path file = dir.resolve("wide.arrow");
    Schema schema = Schema.builder().addByteArrayField("blob").build();
    byte[] megabyte = new byte[1024 * 1024];
    RowArrowSink sink = new RowArrowSink(schema, 1_000, CompressionUtil.CodecType.NO_COMPRESSION);
    try (FileChannel channel = create(file)) {
      sink.open(channel);
      for (int i = 0; i < 70; i++) {
        sink.write(Row.withSchema(schema).addValue(megabyte).build());
      }
      sink.flush();
      assertEquals(0, sink.allocatedBytes());
    }
    try (ArrowShardFile shard = open(file)) {
      // 64 MiB of bytes closes the first batch after 64 rows.
      assertEquals(2, shard.batches().size());
      assertEquals(70, shard.rowCount());
    }
  }

  @Test
  void aFailedWriteReleasesEveryBuffer() throws Exception {
    Schema schema = Schema.builder().addLogicalTypeField("code", FixedBytes.of(2)).build();
    RowArrowSink sink = new RowArrowSink(schema, 1_000, CompressionUtil.CodecType.ZSTD);
    try (FileChannel channel = create(dir.resolve("failed.arrow"))) {
      sink.open(channel);
      sink.write(Row.withSchema(schema).addValue(new byte[] {1, 2}).build());
      assertTrue(sink.allocatedBytes() > 0);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  sink.write(
                      Row.withSchema(schema).attachValues(List.of(new byte[] {1, 2, 3}))));
      assertTrue(e.getMessage().contains("Field 'code'"), e.getMessage());
      assertEquals(0, sink.allocatedBytes());
    }
  }
}
