package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A shard that its format cannot decode fails its reader, naming the file and the format. A read
 * of a checkpoint meets this only where its manifest recorded no CRC32C (format version 1): the
 * checksum rejects other bytes first (see {@link ShardDamageTest}), so the reader is driven here
 * directly.
 */
class UndecodableShardTest {
  @TempDir Path root;

  @ParameterizedTest
  @CsvSource({"PARQUET, Parquet", "ARROW, Arrow IPC"})
  void aShardOfTheRightSizeButWrongBytesFailsNamingFileAndFormat(
      CheckpointFormat format, String formatName) throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context).withFormat(format).withNumShards(1));
    TestPipelines.run(write);
    Path shard = Path.of(ShardReads.shards(context, CheckpointScope.RUN, "orders").get(0));
    byte[] garbage = new byte[(int) Files.size(shard)];
    Arrays.fill(garbage, (byte) 7);
    Files.write(shard, garbage);

    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () -> ShardReads.readEachSplit(format, TestRows.ORDER, shard));
    assertSame(CheckpointCorruptedException.class, e.getClass());
    assertEquals(shard.toString(), e.getFile());
    assertTrue(
        e.getMessage().startsWith("Shard " + shard + " cannot be decoded as " + formatName + ":"),
        e.getMessage());
  }
}
