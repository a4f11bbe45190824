package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers trust only what a committed manifest lists, and say so when it is not there. */
class CommitVisibilityTest {
  @TempDir Path root;
  private Path dir;
  private Manifest manifest;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1").withCorrelationId("corr-1");
  }

  @BeforeEach
  void writeTenOrders() throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()).withNumShards(2));
    TestPipelines.run(pipeline);
    dir = root.resolve("runs/run-1/orders");
    manifest = CommittedManifests.exclusive(context().paths(CheckpointScope.RUN, "orders")).get();
  }

  private Path shard(int index) {
    return dir.resolve(manifest.shards().get(index).fileName());
  }

  private Throwable readFails() {
    Pipeline read = TestPipelines.create();
    read.apply(CheckpointIO.read("orders").from(context()));
    return assertThrows(Throwable.class, () -> TestPipelines.run(read));
  }

  @Test
  void shardsOfAWriteThatNeverCommittedAreNeverRead() throws Exception {
    // A write that died after finalizing its shards but before its commit.
    Files.copy(shard(0), dir.resolve("part-deadwrite-00000-of-00001.parquet"));
    Files.createDirectories(dir.resolve(".tmp-deadwrite"));
    Files.copy(shard(1), dir.resolve(".tmp-deadwrite/partial"));

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(0, 10));
    TestPipelines.run(read);
  }

  @Test
  void aNameWithOnlyUncommittedShardsReadsAsNotFound() throws Exception {
    Files.delete(dir.resolve("_manifest-0000000001.json"));
    Pipeline read = TestPipelines.create();
    CheckpointNotFoundException e =
        assertThrows(
            CheckpointNotFoundException.class,
            () -> read.apply(CheckpointIO.read("orders").from(context())));
    assertEquals("orders", e.getName());
  }

  @Test
  void nothingAtEitherPathNamesTheCheckpointBothPathsAndTheFix() {
    Pipeline read = TestPipelines.create();
    CheckpointNotFoundException e =
        assertThrows(
            CheckpointNotFoundException.class,
            () -> read.apply(CheckpointIO.read("customers").from(context())));
    String message = e.getMessage();
    assertTrue(message.contains("'customers'"), message);
    assertTrue(message.contains(root.resolve("runs/run-1/customers") + "/"),
        message);
    assertTrue(
        message.contains(root.resolve("correlations/corr-1/customers") + "/"),
        message);
    assertTrue(message.contains("CheckpointIO.write(\"customers\")"), message);
    assertTrue(message.contains("must run"), message);
    assertEquals(2, e.getTriedPaths().size());
  }

  @Test
  void aMissingShardFailsTheReadNamingTheFile() throws Exception {
    Files.delete(shard(1));
    CheckpointCorruptedException e =
        TestPipelines.causeOf(readFails(), CheckpointCorruptedException.class);
    assertEquals(shard(1).toString(), e.getFile());
    assertTrue(e.getMessage().contains(shard(1).toString()) && e.getMessage().contains("missing"),
        e.getMessage());
  }

  @Test
  void aTruncatedShardFailsTheReadNamingTheFile() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(shard(0).toFile(), "rw")) {
      file.setLength(file.length() / 2);
    }
    CheckpointCorruptedException e =
        TestPipelines.causeOf(readFails(), CheckpointCorruptedException.class);
    assertEquals(shard(0).toString(), e.getFile());
    assertTrue(e.getMessage().contains("bytes but its manifest recorded"), e.getMessage());
  }

  @Test
  void aShardOverwrittenWithGarbageOfItsSizeFailsTheReadNamingTheFile() throws Exception {
    byte[] garbage = new byte[(int) Files.size(shard(0))];
    Arrays.fill(garbage, (byte) 7);
    Files.write(shard(0), garbage);
    CheckpointCorruptedException e =
        TestPipelines.causeOf(readFails(), CheckpointCorruptedException.class);
    assertEquals(shard(0).toString(), e.getFile());
    // The checksum catches it before the format would fail to decode it.
    assertTrue(e.getMessage().contains("has CRC32C "), e.getMessage());
  }

  @Test
  void runScopeIsReadBeforeCorrelationScope() throws Exception {
    Path correlationDir = root.resolve("correlations/corr-1");
    Files.createDirectories(correlationDir);
    // The CORRELATION copy holds other rows; the RUN one must win while it exists.
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(500, 505)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()).withScope(CheckpointScope.CORRELATION));
    TestPipelines.run(write);

    Pipeline runFirst = TestPipelines.create();
    PAssert.that(runFirst.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(0, 10));
    TestPipelines.run(runFirst);

    Files.move(dir, root.resolve("elsewhere"), StandardCopyOption.ATOMIC_MOVE);
    Pipeline thenCorrelation = TestPipelines.create();
    PAssert.that(thenCorrelation.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(500, 505));
    TestPipelines.run(thenCorrelation);
  }
}
