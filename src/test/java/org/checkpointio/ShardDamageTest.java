package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A shard changed after its commit fails the read with a {@link CheckpointCorruptedException}
 * naming the file and what is wrong with it, in every format, and no row of a damaged or foreign
 * shard ever reaches the read's output. Each read records every row it outputs until it fails;
 * all of them must be rows the checkpoint was written with.
 */
class ShardDamageTest {
  @TempDir Path root;

  /** Rows each read output, by read: the DirectRunner runs DoFns in this JVM. */

  private static final List<Row> WRITTEN = orders(20, 30);

  /**
   * Orders whose values have the same widths for every id of two digits and hold no null, so that
   * two writes of as many of them make shard files of the same size in either format.
   */
  private static List<Row> orders(long from, long to) {
    List<Row> rows = new ArrayList<>();
    for (long id = from; id < to; id++) {
      rows.add(
          Row.withSchema(TestRows.ORDER)
              .addValues(id, "customer-" + id, id * 1.5, "note " + id)
              .build());
    }
    return rows;
  }

  private CheckpointContext context(String runId) {
    return CheckpointContext.of(root.toString(), runId);
  }

  /**
   * Writes {@code rows} as checkpoint "orders" of run {@code runId} in one uncompressed shard, in
   * their order, so that rows of the same widths make files of the same size (Parquet's page
   * checksums, of varying length, depend on the order); returns that shard and its entry.
   */
  private Shard write(String runId, CheckpointFormat format, List<Row> rows) throws Exception {
    Pipeline pipeline = TestPipelines.create();
    TestPipelines.inOneBundle(pipeline, TestRows.ORDER, rows)
        .apply(
            CheckpointIO.write("orders")
                .to(context(runId))
                .withFormat(format)
                .withCompression(CheckpointCompression.UNCOMPRESSED));
    TestPipelines.run(pipeline);
    CheckpointPaths paths = context(runId).paths(CheckpointScope.RUN, "orders");
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    assertEquals(1, manifest.shards().size(), "one bundle, one shard");
    ShardFile entry = manifest.shards().get(0);
    return new Shard(Path.of(paths.file(entry.fileName()).toString()), entry);
  }

  private record Shard(Path file, ShardFile entry) {}

  /** Reads "orders" of run-1, which must fail; returns why, after checking what it output. */
  private CheckpointCorruptedException readFails() {
    Pipeline pipeline = TestPipelines.create();
    try (OutputRows output =
        OutputRows.of(pipeline.apply(CheckpointIO.read("orders").from(context("run-1"))))) {
      Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(pipeline));
      for (Row row : output.rows()) {
        assertTrue(WRITTEN.contains(row), "a row the checkpoint does not hold was output: " + row);
      }
      CheckpointCorruptedException e =
          TestPipelines.causeOf(thrown, CheckpointCorruptedException.class);
      assertSame(CheckpointCorruptedException.class, e.getClass());
      return e;
    }
  }

  private static String crc32c(Path file) throws Exception {
    CRC32C crc = new CRC32C();
    crc.update(Files.readAllBytes(file));
    return String.format("%08x", crc.getValue());
  }

  private static void assertCrcMismatch(CheckpointCorruptedException e, Shard shard)
      throws Exception {
    String message = e.getMessage();
    assertEquals(shard.file().toString(), e.getFile());
    assertTrue(message.contains("Shard " + shard.file() + " "), message);
    assertTrue(
        message.contains("has CRC32C " + crc32c(shard.file()) + " but its manifest recorded "
            + shard.entry().crc32c()),
        message);
    assertTrue(message.contains("Re-run the write that produces it."), message);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void sixtyFourZeroedBytesFailTheReadByCrc32c(CheckpointFormat format) throws Exception {
    Shard shard = write("run-1", format, WRITTEN);
    assertEquals(crc32c(shard.file()), shard.entry().crc32c(), "the CRC32C the manifest records");
    long size = Files.size(shard.file());
    try (RandomAccessFile file = new RandomAccessFile(shard.file().toFile(), "rw")) {
      file.seek(size / 2 - 32);
      file.write(new byte[64]);
    }
    assertEquals(size, Files.size(shard.file()));
    assertNotEquals(shard.entry().crc32c(), crc32c(shard.file()), "the zeroes changed the file");

    assertCrcMismatch(readFails(), shard);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void anotherCheckpointsShardOfTheSameSizeFailsTheReadByCrc32c(CheckpointFormat format)
      throws Exception {
    Shard shard = write("run-1", format, WRITTEN);
    Shard other = write("run-2", format, orders(10, 20));
    assertEquals(
        Files.size(shard.file()), Files.size(other.file()), "rows of the same widths, same size");
    Files.copy(other.file(), shard.file(), StandardCopyOption.REPLACE_EXISTING);

    assertCrcMismatch(readFails(), shard);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aTruncatedShardFailsTheReadBySize(CheckpointFormat format) throws Exception {
    Shard shard = write("run-1", format, WRITTEN);
    long size = Files.size(shard.file());
    try (RandomAccessFile file = new RandomAccessFile(shard.file().toFile(), "rw")) {
      file.setLength(size - 100);
    }

    CheckpointCorruptedException e = readFails();
    assertEquals(shard.file().toString(), e.getFile());
    assertTrue(
        e.getMessage()
            .contains(
                String.format(
                    "Shard %s has %d bytes but its manifest recorded %d: the file was truncated "
                        + "or replaced.",
                    shard.file(), size - 100, size)),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aDeletedShardFailsTheReadAsMissing(CheckpointFormat format) throws Exception {
    Shard shard = write("run-1", format, WRITTEN);
    Files.delete(shard.file());

    CheckpointCorruptedException e = readFails();
    assertEquals(shard.file().toString(), e.getFile());
    assertTrue(
        e.getMessage().contains("Shard " + shard.file() + " listed by manifest "), e.getMessage());
    assertTrue(
        e.getMessage().contains("is missing. The checkpoint is damaged; re-run the write"),
        e.getMessage());
  }
}
