package org.checkpointio.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.layout.CheckpointPaths;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed writes leave beside a committed checkpoint goes once it is older than the grace
 * period, and not before: a temporary directory with files (dated by its newest), an empty one
 * (dated by itself), a staged manifest, a shard no manifest lists. The committed files stay.
 */
class CollectGarbageTest {
  private static final Duration GRACE = Duration.standardHours(24);

  @TempDir Path root;
  private CheckpointPaths paths;
  private Path dir;
  private List<String> committed;

  @BeforeEach
  void committedCheckpoint() throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(TestRows.orders(0, 20)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context).withNumShards(2));
    TestPipelines.run(pipeline);
    paths = context.paths(CheckpointScope.RUN, "orders");
    dir = Path.of(paths.directory().toString());
    committed = entries();
  }

  /** Leaves what killed writes leave, all {@code hoursOld} old. */
  private void leftovers(String writeId, int hoursOld) throws Exception {
    Path temp = Files.createDirectories(dir.resolve(".tmp-" + writeId + "-full"));
    Files.writeString(temp.resolve("_writing"), "{}");
    Files.writeString(temp.resolve("temp-shard-1.parquet"), "PAR1");
    Path empty = Files.createDirectories(dir.resolve(".tmp-" + writeId + "-empty"));
    Files.writeString(
        dir.resolve(CheckpointPaths.STAGED_PREFIX + "_manifest-0000000002.json." + writeId), "{}");
    Files.writeString(
        dir.resolve(CheckpointPaths.shardFileName(writeId, 0, 1, ".parquet")), "PAR1");
    FileTime then = FileTime.from(Instant.now().minusSeconds(hoursOld * 3600L));
    for (Path path : List.of(temp.resolve("_writing"), temp.resolve("temp-shard-1.parquet"))) {
      Files.setLastModifiedTime(path, then);
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        if (!committed.contains(entry.getFileName().toString())) {
          Files.setLastModifiedTime(entry, then);
        }
      }
    }
    Files.setLastModifiedTime(empty, then);
  }

  private List<String> entries() throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private long collect() throws Exception {
    return new CollectGarbage(paths, WriteSettings.DEFAULT_RETENTION, GRACE)
        .collect(Instant.now());
  }

  @Test
  void leftoversOlderThanTheGracePeriodAreCollected() throws Exception {
    leftovers("dead", 25);
    assertEquals(committed.size() + 4, entries().size(), "the leftovers are there");
    assertEquals(4, collect(), "2 temporary files, the staged manifest and the stray shard");
    assertEquals(committed, entries(), "only the committed checkpoint is left");
  }

  @Test
  void leftoversYoungerThanTheGracePeriodMayBeAWriteStillRunningAndStay() throws Exception {
    leftovers("running", 23);
    List<String> before = entries();
    assertEquals(0, collect());
    assertEquals(before, entries());
  }

  @Test
  void aTemporaryDirectoryThatIsALinkIsNeverEnteredNorItsTargetRemoved() throws Exception {
    Path outside = Files.createDirectories(root.resolve("outside-empty"));
    Path link = Files.createSymbolicLink(dir.resolve(".tmp-linked"), outside);
    FileTime then = FileTime.from(Instant.now().minusSeconds(25 * 3600L));
    Files.setLastModifiedTime(outside, then);
    collect();
    assertTrue(Files.isDirectory(outside), "the link's target stays");
    assertTrue(Files.isSymbolicLink(link), "a link is not a temporary directory of a write");
  }
}
