package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.checkpointio.layout.ScopeTree;
import org.joda.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code file:} URI root means its local path, in every form a user writes it, and never a
 * directory named {@code file:} under the working directory.
 */
class FileUriRootTest {
  /** Where Beam's local file system would put {@code file:///...} taken as a relative path. */
  private static final Path MISREAD = Path.of(System.getProperty("user.dir"), "file:");

  @TempDir Path root;

  @BeforeEach
  @AfterEach
  void nothingUnderTheWorkingDirectory() {
    assertFalse(Files.exists(MISREAD), MISREAD + " exists");
  }

  /** The URI of {@code root} in the given form. */
  private String uri(String form) {
    return form + root;
  }

  @ParameterizedTest(name = "{0}/abs/path")
  @ValueSource(strings = {"file://", "file:", "file://localhost", "FILE://"})
  void aCheckpointUnderAFileUriIsWrittenReadAndCleanedUpAtItsLocalPath(String form)
      throws IOException {
    CheckpointContext context = CheckpointContext.of(uri(form), "R1");
    assertEquals(root.toString(), context.root());

    Pipeline writing = TestPipelines.create();
    writing
        .apply(org.apache.beam.sdk.transforms.Create.of(TestRows.orders(0, 20))
            .withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context).withNumShards(2));
    TestPipelines.run(writing);
    TestPipelines.assertHoldsExactlyItsCommit(context.paths(CheckpointScope.RUN, "orders"));
    assertTrue(Files.isDirectory(root.resolve("runs/R1/orders")));

    Pipeline reading = TestPipelines.create();
    PAssert.that(reading.apply(CheckpointIO.read("orders").from(context)))
        .containsInAnyOrder(TestRows.orders(0, 20));
    TestPipelines.run(reading);

    Pipeline cleaning = TestPipelines.create();
    cleaning.apply(CheckpointIO.cleanup(CheckpointContext.of(uri(form), "R1")));
    TestPipelines.run(cleaning);
    assertEquals(List.of(), TestPipelines.filesUnder(root));
    assertFalse(Files.exists(MISREAD), MISREAD + " exists");
  }

  @Test
  void theSweepOfAFileUriRootDeletesTheExpiredTreesAtItsLocalPath() throws IOException {
    Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
    Path manifest = root.resolve("runs/old-run/orders/manifest.json");
    Files.createDirectories(manifest.getParent());
    Files.write(manifest, new byte[10]);
    Files.setLastModifiedTime(manifest, FileTime.from(old));

    Pipeline pipeline = TestPipelines.create();
    pipeline.apply(CheckpointIO.sweep(uri("file://")).olderThan(Duration.standardDays(3)));
    TestPipelines.run(pipeline);
    assertFalse(Files.exists(root.resolve("runs/old-run")));
  }

  @Test
  void aFileUriOfAnotherHostOrWithoutAnAbsolutePathIsRefusedSayingWhy() {
    IllegalArgumentException host =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointContext.of("file://fileserver/data/checkpoints", "R1"));
    assertEquals(
        "Invalid checkpoint root 'file://fileserver/data/checkpoints': a file: URI names a"
            + " directory on this machine, but this one names host 'fileserver'. Write"
            + " file:///path (or the plain /path) for a local directory; a directory of another"
            + " machine needs a mount",
        host.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> CheckpointIO.sweep("file://fileserver/data"));
    for (String relative : new String[] {"file:data/checkpoints", "file:", "file://"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CheckpointContext.of(relative, "R1"));
      assertTrue(e.getMessage().contains("a file: URI needs an absolute path"), e.getMessage());
    }
    assertFalse(Files.exists(MISREAD), MISREAD + " exists");
  }

  @Test
  void aFileUriIsItsPathLiterallyAndOtherRootsAreLeftAsTheyAre() {
    assertEquals("/data/p%41/g[1]", ScopeTree.normalizedRoot("file:///data/p%41/g[1]"));
    assertEquals("/data/x", ScopeTree.normalizedRoot("file:/data/x"));
    assertEquals("/data/x/", ScopeTree.normalizedRoot("file://LOCALHOST/data/x/"));
    for (String other : new String[] {"/data/x", "data/x", "gs://b/x", "s3://b/x", "hdfs://nn/x"}) {
      assertEquals(other, ScopeTree.normalizedRoot(other));
    }
    assertEquals(
        ScopeTree.of("/data/x", CheckpointScope.RUN, "r").directory(),
        ScopeTree.of("file:///data/x", CheckpointScope.RUN, "r").directory());
  }
}
