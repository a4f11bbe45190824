package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by this library at manifest format 2, kept as files in {@code
 * src/test/resources/golden/format-2}: every later version must read them as they are. They were
 * written once by pipelines, not by hand, and are never regenerated; a new format gets a
 * directory of its own beside them.
 *
 * <ul>
 *   <li>{@code runs/golden-run/orders}: PARQUET; version 1 (orders 0–9), an append (10–14), version
 *       2 (100–109) superseding that append, then an append (110–112). Superseded files are
 *       still there, within their retention, as a reader in flight would find them.
 *   <li>{@code runs/golden-run/orders%20arrow}: ARROW, orders 200–206 in two shards.
 *   <li>{@code correlations/golden%2Fcorrelation/kept}: PARQUET in CORRELATION scope, orders
 *       300–303, under an encoded id.
 * </ul>
 */
class GoldenCheckpointTest {
  @TempDir Path root;
  private CheckpointContext context;

  @BeforeEach
  void copyTheFixture() throws Exception {
    Path fixture = Path.of(getClass().getResource("/golden/format-2").toURI());
    try (Stream<Path> walk = Files.walk(fixture)) {
      for (Path from : walk.toList()) {
        Path to = root.resolve(fixture.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    context = CheckpointContext.of(root.toString(), "golden-run")
        .withCorrelationId("golden/correlation");
  }

  private void assertReads(String name, List<Row> expected) {
    Pipeline pipeline = TestPipelines.create();
    PAssert.that(pipeline.apply(CheckpointIO.read(name).from(context)))
        .containsInAnyOrder(expected);
    TestPipelines.run(pipeline);
  }

  @Test
  void theExclusiveVersionAndTheAppendItDoesNotSupersedeAreRead() throws Exception {
    List<Row> expected = new ArrayList<>(TestRows.orders(100, 110));
    expected.addAll(TestRows.orders(110, 113));
    assertReads("orders", expected);

    List<Manifest> live =
        CommittedManifests.read(context.paths(CheckpointScope.RUN, "orders"));
    assertEquals(2, live.size());
    Manifest exclusive = live.get(0);
    assertEquals(2, exclusive.version());
    assertEquals(2, exclusive.formatVersion());
    assertEquals(1, exclusive.supersedes().size(), "the first append");
    assertEquals(TestRows.ORDER, exclusive.schema());
    assertEquals(CheckpointFormat.PARQUET, exclusive.fileFormat());
    assertEquals(10, exclusive.totalRows());
    assertEquals(3, live.get(1).totalRows());
  }

  @Test
  void anArrowCheckpointUnderAnEncodedNameIsRead() {
    assertReads("orders arrow", TestRows.orders(200, 207));
  }

  @Test
  void aCorrelationCheckpointUnderAnEncodedIdIsFoundAfterTheRunScope() {
    assertReads("kept", TestRows.orders(300, 304));
  }
}
