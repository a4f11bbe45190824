package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tools list and delete outside pipelines: trees by decoded id, committed checkpoints. */
class TreeListingTest {
  @TempDir Path root;

  @BeforeAll
  static void fileSystems() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  private void file(String path, int bytes) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }

  private Manifest commit(ScopeTree tree, String name, boolean append, String writeId)
      throws IOException {
    CheckpointPaths paths = tree.checkpoint(name);
    Manifest manifest =
        Manifest.builder()
            .setName(name)
            .setScope(tree.scope())
            .setId(tree.id())
            .setWriteId(writeId)
            .setFileFormat(CheckpointFormat.PARQUET)
            .setSchema(TestRows.ORDER)
            .setShards(List.of(ShardFile.of("part-" + writeId + "-00000-of-00001.parquet", 3, 30)))
            .setCreatedAt(Instant.parse("2026-11-23T00:00:00Z"))
            .setLibraryVersion("test")
            .setBeamVersion("test")
            .setAppend(append)
            .setVersion(append ? 0 : 1)
            .build();
    ManifestFiles.createIfAbsent(manifest, CommittedManifests.location(paths, manifest));
    return manifest;
  }

  @Test
  void treesAreListedRunsFirstThenCorrelationsEachByDecodedId() throws IOException {
    file("correlations/wf-b/x/manifest.json", 1);
    file("runs/zeta/x/manifest.json", 2);
    file("correlations/daily%2F2026-11-23/x/manifest.json", 3);
    file("runs/alpha/x/manifest.json", 4);
    List<String> listed = new ArrayList<>();
    for (CheckpointTree tree : CheckpointStore.at(root.toString()).trees()) {
      listed.add(tree.getScope() + " " + tree.getId() + " " + tree.getBytes());
    }
    assertEquals(
        List.of(
            "RUN alpha 4", "RUN zeta 2", "CORRELATION daily/2026-11-23 3", "CORRELATION wf-b 1"),
        listed);
  }

  @Test
  void inTreeListsCommittedCheckpointsByDecodedNameAndSkipsUncommittedOnes() throws IOException {
    ScopeTree tree = ScopeTree.of(root.toString(), CheckpointScope.CORRELATION, "wf/1");
    Manifest orders = commit(tree, "orders/eu", false, "w1");
    Manifest appendA = commit(tree, "events", true, "a1");
    Manifest appendB = commit(tree, "events", true, "a2");
    file("correlations/wf%2F1/crashed/.tmp-w9/part-0", 10);
    file("correlations/wf%2F1/crashed/part-w9-00000-of-00001.parquet", 10);

    SortedMap<String, List<Manifest>> checkpoints = CommittedManifests.inTree(tree);
    assertEquals(List.of("events", "orders/eu"), List.copyOf(checkpoints.keySet()));
    assertEquals(List.of(orders), checkpoints.get("orders/eu"));
    assertEquals(2, checkpoints.get("events").size());
    assertEquals(Set.of(appendA, appendB), Set.copyOf(checkpoints.get("events")));
  }

  @Test
  void deletingATreeReportsProgressAfterEachBatch() throws Exception {
    for (int i = 0; i < 1500; i++) {
      file("runs/big/x/part-" + i, 1);
    }
    List<String> progress = new ArrayList<>();
    DeletedTree deleted =
        CheckpointStore.at(root.toString())
            .delete(
                CheckpointScope.RUN, "big", (directory, done, total) -> progress.add(done + "/" + total));
    assertEquals(List.of("1000/1500", "1500/1500"), progress);
    assertEquals(1500, deleted.getFilesDeleted());
    assertEquals(List.of(), TestPipelines.filesUnder(root));
  }
}
