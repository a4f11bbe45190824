package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaRegistry;
import org.apache.beam.sdk.schemas.transforms.Select;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store on a local root: what it lists, summarises and shows is what is on disk and what the
 * read rule commits; it deletes exactly one tree; its sweep keeps young trees and its dry run
 * deletes nothing; its outputs have Beam schemas.
 */
class CheckpointStoreTest {
  @TempDir Path root;

  private CheckpointStore store;

  @BeforeEach
  void writeCheckpoints() {
    CheckpointContext run = CheckpointContext.of(root.toString(), "run-1").withCorrelationId("wf/7");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply("Orders", Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
        .apply("WriteOrders", CheckpointIO.write("orders").to(run).withNumShards(2));
    pipeline
        .apply("More", Create.of(TestRows.orders(10, 13)).withRowSchema(TestRows.ORDER))
        .apply("AppendMore", CheckpointIO.write("more").to(run).withAppend());
    pipeline
        .apply("Kept", Create.of(TestRows.orders(100, 104)).withRowSchema(TestRows.ORDER))
        .apply(
            "WriteKept",
            CheckpointIO.write("kept")
                .to(run)
                .withScope(CheckpointScope.CORRELATION)
                .withFormat(CheckpointFormat.ARROW));
    TestPipelines.run(pipeline);
    store = CheckpointStore.at(root.toString());
  }

  @Test
  void treesAndSummariesAreWhatIsOnDisk() throws IOException {
    List<CheckpointTree> trees = store.trees();
    assertEquals(
        List.of("RUN run-1", "CORRELATION wf/7"),
        trees.stream().map(tree -> tree.getScope() + " " + tree.getId()).toList());
    Path runTree = root.resolve("runs/run-1");
    CheckpointTree listed = trees.get(0);
    assertEquals(runTree + "/", listed.getDirectory());
    assertEquals(TestPipelines.filesUnder(runTree).size(), listed.getFiles());
    assertEquals(TestPipelines.bytesUnder(runTree), listed.getBytes());
    assertEquals(root.resolve("correlations/wf%2F7") + "/", trees.get(1).getDirectory());

    assertEquals(listed, store.summary(CheckpointScope.RUN, "run-1").orElseThrow());
    assertTrue(store.summary(CheckpointScope.RUN, "run-2").isEmpty());
    assertEquals(root.resolve("runs/run-2") + "/", store.treeDirectory(CheckpointScope.RUN, "run-2"));
  }

  @Test
  void checkpointsAreShownByTheReadRuleWithExactlyTheirShardFiles() throws IOException {
    TreeContents contents = store.contents(CheckpointScope.RUN, "run-1");
    assertEquals(
        List.of("more", "orders"),
        contents.checkpoints().stream().map(StoredCheckpoint::name).toList());
    assertEquals(0, contents.unreadable().size());

    StoredCheckpoint orders = store.checkpoint(CheckpointScope.RUN, "run-1", "orders").orElseThrow();
    assertEquals(10, orders.rows());
    assertEquals(CheckpointFormat.PARQUET, orders.format());
    assertEquals(TestRows.ORDER, orders.schema());
    assertEquals(1, orders.writes().size());
    CommittedWrite write = orders.writes().get(0);
    assertFalse(write.append());
    assertEquals(1, write.version());
    assertEquals(orders.directory() + "_manifest-0000000001.json", write.manifestFile());
    assertEquals(CheckpointIO.version(), write.libraryVersion());
    assertEquals(2, write.shards().size());
    Path directory = root.resolve("runs/run-1/orders");
    assertEquals(directory + "/", orders.directory());
    List<String> shardsOnDisk = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      files
          .filter(file -> file.getFileName().toString().startsWith("part-"))
          .forEach(file -> shardsOnDisk.add(file.toString()));
    }
    shardsOnDisk.sort(null);
    assertEquals(shardsOnDisk, orders.shardFiles().stream().sorted().toList());
    long bytesOnDisk = 0;
    for (String shard : shardsOnDisk) {
      bytesOnDisk += Files.size(Path.of(shard));
    }
    assertEquals(bytesOnDisk, orders.bytes());

    StoredCheckpoint more = store.checkpoint(CheckpointScope.RUN, "run-1", "more").orElseThrow();
    assertTrue(more.writes().get(0).append());
    assertEquals(3, more.rows());
    StoredCheckpoint kept =
        store.checkpoint(CheckpointScope.CORRELATION, "wf/7", "kept").orElseThrow();
    assertEquals(CheckpointFormat.ARROW, kept.format());
    assertEquals(4, kept.rows());
    assertTrue(store.checkpoint(CheckpointScope.RUN, "run-1", "none").isEmpty());
  }

  @Test
  void aDamagedCheckpointIsReportedApartAndTheOthersAreStillShown() throws IOException {
    Path broken = root.resolve("runs/run-1/broken");
    Files.createDirectories(broken);
    Files.writeString(broken.resolve("_manifest-0000000001.json"), "{ not json");
    TreeContents contents = store.contents(CheckpointScope.RUN, "run-1");
    assertEquals(
        List.of("more", "orders"),
        contents.checkpoints().stream().map(StoredCheckpoint::name).toList());
    assertEquals(List.of("broken"), List.copyOf(contents.unreadable().keySet()));
    assertTrue(contents.unreadable().get("broken").contains("_manifest-0000000001.json"));
  }

  @Test
  void deleteRemovesExactlyOneTreeAndReportsItsProgress() throws Exception {
    Path runTree = root.resolve("runs/run-1");
    long files = TestPipelines.filesUnder(runTree).size();
    long bytes = TestPipelines.bytesUnder(runTree);
    List<Long> progress = new ArrayList<>();
    DeletedTree deleted =
        store.delete(CheckpointScope.RUN, "run-1", (dir, done, total) -> progress.add(done));
    assertEquals(DeletedTree.of(runTree + "/", files, bytes, 0), deleted);
    assertEquals(List.of(files), progress);
    assertFalse(Files.exists(runTree));
    assertTrue(store.summary(CheckpointScope.CORRELATION, "wf/7").isPresent());
    // A missing tree is no error.
    assertEquals(0, store.delete(CheckpointScope.RUN, "run-1", DeleteProgress.NONE).getFilesDeleted());
  }

  @Test
  void theSweepKeepsYoungTreesItsDryRunDeletesNothingAndItRefusesAgesUnderTheMinimum()
      throws Exception {
    assertEquals(List.of(), store.sweep(Duration.standardHours(1), false, DeleteProgress.NONE));
    ageEveryFile(root.resolve("runs/run-1"), 3);

    List<SweptTree> wouldGo = store.sweep(Duration.standardHours(1), true, DeleteProgress.NONE);
    assertEquals(List.of("run-1"), wouldGo.stream().map(SweptTree::getId).toList());
    assertFalse(wouldGo.get(0).isDeleted());
    assertTrue(Files.exists(root.resolve("runs/run-1")));

    List<SweptTree> gone = store.sweep(Duration.standardHours(1), false, DeleteProgress.NONE);
    assertEquals(List.of("run-1"), gone.stream().map(SweptTree::getId).toList());
    assertTrue(gone.get(0).isDeleted());
    assertFalse(Files.exists(root.resolve("runs/run-1")));
    assertTrue(Files.exists(root.resolve("correlations/wf%2F7")));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> store.sweep(Duration.standardMinutes(5), true, DeleteProgress.NONE));
    assertTrue(refused.getMessage().contains("the least age is 1h"), refused.getMessage());
  }

  @Test
  void rootsAreTakenAsTheLibraryTakesThem() throws IOException {
    assertEquals(root.toString(), CheckpointStore.at(root.toUri().toString()).root());
    assertEquals(
        Path.of("relative/root").toAbsolutePath().toString(),
        CheckpointStore.at("relative/root").root());
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> CheckpointStore.at("nosuch://b/r"));
    assertTrue(unknown.getMessage().contains("'nosuch://b/r'"), unknown.getMessage());
    IllegalArgumentException badId =
        assertThrows(
            IllegalArgumentException.class, () -> store.treeDirectory(CheckpointScope.RUN, ".."));
    assertTrue(badId.getMessage().contains(".."), badId.getMessage());
  }

  @Test
  void cleanupAndSweepOutputsHaveSchemasThatSelectReads() throws NoSuchSchemaException {
    SchemaRegistry schemas = SchemaRegistry.createDefault();
    assertEquals(
        List.of("directory", "filesDeleted", "bytesDeleted", "failures"),
        schemas.getSchema(DeletedTree.class).getFieldNames());
    assertEquals(
        List.of("directory", "scope", "id", "files", "bytes", "newestFileMillis", "deleted", "failures"),
        schemas.getSchema(SweptTree.class).getFieldNames());
    assertEquals(
        List.of("directory", "scope", "id", "files", "bytes", "newestFileMillis"),
        schemas.getSchema(CheckpointTree.class).getFieldNames());

    Path runTree = root.resolve("runs/run-1");
    long files;
    try {
      files = TestPipelines.filesUnder(runTree).size();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> selected =
        pipeline
            .apply(CheckpointIO.cleanup(CheckpointContext.of(root.toString(), "run-1")))
            .apply(Select.fieldNames("directory", "filesDeleted"));
    Schema expected =
        Schema.builder().addStringField("directory").addInt64Field("filesDeleted").build();
    PAssert.that(selected)
        .containsInAnyOrder(Row.withSchema(expected).addValues(runTree + "/", files).build());
    TestPipelines.run(pipeline);
  }

  private static void ageEveryFile(Path tree, int hours) throws IOException {
    FileTime old = FileTime.from(Instant.now().minus(hours, ChronoUnit.HOURS));
    try (Stream<Path> walk = Files.walk(tree)) {
      for (Path path : walk.toList()) {
        Files.setLastModifiedTime(path, old);
      }
    }
  }
}
