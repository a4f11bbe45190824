package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reuse that knows what it reuses: the producer's version is recorded in the manifest, and a
 * retry with another version (after a fix, say) recomputes; a damaged checkpoint is recomputed
 * when the pipeline opts in, and otherwise fails naming the file. The retry sample's shape: each
 * attempt is its own run of one workflow (one correlation id).
 */
class ReuseVersionTest {
  @TempDir Path root;
  private int attempt;

  /** The producer as it is in one release: its rows tell which. */
  static final class Producer extends PTransform<PBegin, PCollection<Row>> {
    private final List<Row> rows;

    Producer(List<Row> rows) {
      this.rows = rows;
    }

    @Override
    public PCollection<Row> expand(PBegin begin) {
      return begin.apply(Create.of(rows).withRowSchema(TestRows.ORDER));
    }
  }

  @BeforeEach
  void firstAttemptWithVersion1() {
    assertAttemptReads(TestRows.orders(0, 50), "v1", false, TestRows.orders(0, 50));
  }

  private CheckpointContext nextAttempt() {
    attempt++;
    return CheckpointContext.of(root.toString(), "attempt-" + attempt).withCorrelationId("wf");
  }

  /** Runs an attempt whose producer makes {@code produced}; checks that it passes on {@code read}. */
  private void assertAttemptReads(
      List<Row> produced, String version, boolean recomputeIfDamaged, List<Row> read) {
    CheckpointIO.ReuseOrCompute<PBegin> reuse =
        CheckpointIO.reuseOrCompute("enriched", new Producer(produced))
            .in(nextAttempt())
            .withVersion(version);
    Pipeline pipeline = TestPipelines.create();
    PAssert.that(pipeline.apply(recomputeIfDamaged ? reuse.recomputeIfDamaged() : reuse))
        .containsInAnyOrder(read);
    TestPipelines.run(pipeline);
  }

  private Manifest committed() throws Exception {
    return CommittedManifests.exclusive(
            CheckpointContext.of(root.toString(), "any")
                .withCorrelationId("wf")
                .paths(CheckpointScope.CORRELATION, "enriched"))
        .orElseThrow();
  }

  private Path firstShard() throws Exception {
    ShardFile shard = committed().shards().get(0);
    return root.resolve("correlations/wf/enriched").resolve(shard.fileName());
  }

  @Test
  void theSameVersionReusesAndTheManifestRecordsIt() throws Exception {
    assertEquals("v1", committed().producerVersion());
    assertAttemptReads(TestRows.orders(1000, 1010), "v1", false, TestRows.orders(0, 50));
    assertEquals(1, committed().version(), "nothing was written again");
  }

  @Test
  void anotherVersionRecomputesAndReplacesTheCheckpoint() throws Exception {
    assertAttemptReads(TestRows.orders(1000, 1010), "v2", false, TestRows.orders(1000, 1010));
    assertEquals("v2", committed().producerVersion());
    assertEquals(2, committed().version());
    // And the next retry of v2 reuses what v2 wrote.
    assertAttemptReads(TestRows.orders(2000, 2001), "v2", false, TestRows.orders(1000, 1010));
  }

  @Test
  void aMissingShardIsRecomputedWhenOptedIn() throws Exception {
    Files.delete(firstShard());
    assertAttemptReads(TestRows.orders(1000, 1010), "v1", true, TestRows.orders(1000, 1010));
  }

  @Test
  void aChangedByteIsRecomputedWhenOptedIn() throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(firstShard().toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0xff);
    }
    assertAttemptReads(TestRows.orders(1000, 1010), "v1", true, TestRows.orders(1000, 1010));
  }

  @Test
  void aMissingShardFailsTheReuseNamingItWithoutTheOptIn() throws Exception {
    Path shard = firstShard();
    Files.delete(shard);
    Throwable thrown =
        assertThrows(
            Throwable.class,
            () ->
                assertAttemptReads(
                    TestRows.orders(1000, 1010), "v1", false, TestRows.orders(0, 50)));
    CheckpointCorruptedException corrupted =
        TestPipelines.causeOf(thrown, CheckpointCorruptedException.class);
    assertTrue(corrupted.getMessage().contains(shard.getFileName().toString()),
        corrupted.getMessage());
  }

  @Test
  void aBlankVersionIsRejectedSayingWhatIsExpected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointIO.reuseOrCompute("enriched", new Producer(List.of())).withVersion(" "));
    assertTrue(e.getMessage().contains("version must be 1 to 200 characters"), e.getMessage());
  }
}
