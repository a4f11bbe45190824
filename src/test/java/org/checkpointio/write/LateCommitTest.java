package org.checkpointio.write;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TestRows;
import org.checkpointio.CheckpointStore;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.ShardFile;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that runs after its tree was cleaned up (a job that outlived the failure its launcher
 * saw, or a cleanup racing a zombie attempt) brings nothing back: it fails, and leaves no tree.
 */
class LateCommitTest {
  @TempDir Path root;

  private final String writeId = "w-late";
  private CheckpointContext context;
  private CheckpointPaths paths;

  private TempShardFiles files() {
    return new TempShardFiles(
        paths, writeId, ShardFormats.of(CheckpointFormat.PARQUET), TestRows.ORDER);
  }

  /** Writes shard {@code shard} of two, as one bundle of the write would. */
  private PlannedShard writeShard(TempShardFiles files, int shard) throws Exception {
    TempShardFile temp = files.create();
    for (Row row : TestRows.orders(shard * 10, shard * 10 + 10)) {
      temp.write(row);
    }
    ShardFile written = temp.finish();
    return PlannedShard.of(
        written.fileName(),
        written.renamed(CheckpointPaths.shardFileName(writeId, shard, 2, ".parquet")));
  }

  /** The launcher (or cleanup) deletes the RUN tree while the job's commit is still to come. */
  private void deleteTheRunTree() throws Exception {
    CheckpointStore.at(root.toString())
        .delete(CheckpointScope.RUN, context.runId(), (dir, done, total) -> {});
    assertFalse(Files.exists(root.resolve("runs/zombie-run")));
  }

  private void assertTheCommitFailsAndNoTreeComesBack(List<PlannedShard> planned) {
    CommitManifest commit =
        new CommitManifest(
            paths,
            files(),
            writeId,
            CheckpointFormat.PARQUET,
            TestRows.ORDER,
            WriteSettings.of(false, 0, Duration.ZERO, Duration.standardHours(24)));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> commit.commit(planned, PipelineOptionsFactory.create()));
    assertTrue(e.getMessage().contains("was deleted while it ran"), e.getMessage());
    assertFalse(Files.exists(root.resolve("runs/zombie-run")), "no tree came back");
  }

  @BeforeEach
  void paths() {
    context = CheckpointContext.of(root.toString(), "zombie-run");
    paths = context.paths(CheckpointScope.RUN, "orders");
  }

  @Test
  void aCommitAfterItsTreeWasDeletedFailsAndLeavesNoTree() throws Exception {
    TempShardFiles files = files();
    List<PlannedShard> planned = List.of(writeShard(files, 0), writeShard(files, 1));
    assertTrue(Files.exists(Path.of(paths.writingMarker(writeId).toString())));
    deleteTheRunTree();
    assertTheCommitFailsAndNoTreeComesBack(planned);
  }
}
