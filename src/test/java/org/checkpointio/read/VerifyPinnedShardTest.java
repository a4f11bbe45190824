package org.checkpointio.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointCorruptedException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestPipelines;
import org.checkpointio.layout.CheckpointPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pinned shard passes on to the block reader only with the size and CRC32C its manifest
 * recorded; a manifest that recorded no CRC32C (format version 1) has its shards checked by size.
 */
class VerifyPinnedShardTest {
  @TempDir Path dir;

  /** The checkpoint the shard is said to belong to; only a missing shard would look at it. */
  private static final CheckpointPaths CHECKPOINT =
      CheckpointContext.of("/nonexistent", "run-1").paths(CheckpointScope.RUN, "orders");
  private Path file;
  private String crc;

  /** A shard of a little over three of the verifier's read buffers, of random bytes. */
  @BeforeEach
  void writeAShard() throws Exception {
    byte[] bytes = new byte[3 * 256 * 1024 + 12_345];
    new Random(42).nextBytes(bytes);
    file = dir.resolve("part-w1-00000-of-00001.arrow");
    Files.write(file, bytes);
    CRC32C crc32c = new CRC32C();
    crc32c.update(bytes);
    crc = String.format("%08x", crc32c.getValue());
  }

  private PinnedShard pinned(String crc32c) throws Exception {
    return PinnedShard.of(
        file.toString(),
        Files.size(file),
        crc32c,
        "w1",
        dir.resolve("_manifest-0000000001.json").toString(),
        CHECKPOINT);
  }

  private static Pipeline verify(PinnedShard shard) {
    Pipeline pipeline = TestPipelines.create();
    PCollection<PinnedShard> verified =
        pipeline
            .apply(Create.of(shard).withCoder(SerializableCoder.of(PinnedShard.class)))
            .apply(ParDo.of(new VerifyPinnedShard(CHECKPOINT)))
            .setCoder(SerializableCoder.of(PinnedShard.class));
    PAssert.that(verified).containsInAnyOrder(shard);
    return pipeline;
  }

  @Test
  void aShardWithItsRecordedCrc32cPassesOn() throws Exception {
    TestPipelines.run(verify(pinned(crc)));
  }

  @Test
  void aShardWithAnotherCrc32cFailsNamingTheFileBothChecksumsAndTheFix() throws Exception {
    String recorded = crc.equals("00000000") ? "00000001" : "00000000";
    Throwable thrown =
        assertThrows(Throwable.class, () -> TestPipelines.run(verify(pinned(recorded))));
    CheckpointCorruptedException e =
        TestPipelines.causeOf(thrown, CheckpointCorruptedException.class);
    assertSame(CheckpointCorruptedException.class, e.getClass());
    assertEquals(file.toString(), e.getFile());
    assertEquals(
        "Shard " + file + " has CRC32C " + crc + " but its manifest recorded " + recorded
            + ": its bytes were damaged or replaced after the write. Re-run the write that "
            + "produces it.",
        e.getMessage());
  }

  @Test
  void aShardWithoutARecordedCrc32cIsCheckedBySizeOnly() throws Exception {
    PinnedShard shard = pinned(null);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    TestPipelines.run(verify(shard));
  }
}
