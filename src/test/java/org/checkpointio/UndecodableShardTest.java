package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * A shard that its format cannot decode fails the read, naming the file and the format. (Since
 * format version 2 a changed byte is caught by the shard's CRC32C first, see ShardDamageTest;
 * this is what a manifest without checksums, as format version 1 wrote them, still gets.)
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
    Path manifest = root.resolve("runs/run-1/orders/_manifest-0000000001.json");
    Files.writeString(
        manifest,
        Files.readString(manifest).replaceAll(",\\s*\"crc32c\" : \"[0-9a-f]{8}\"", ""));

    Pipeline read = TestPipelines.create();
    read.apply(CheckpointIO.read("orders").from(context));
    CheckpointCorruptedException e =
        TestPipelines.causeOf(
            assertThrows(Throwable.class, () -> TestPipelines.run(read)),
            CheckpointCorruptedException.class);
    assertEquals(shard.toString(), e.getFile());
    assertTrue(
        e.getMessage().contains("cannot be decoded as " + formatName + ":"), e.getMessage());
  }
}
