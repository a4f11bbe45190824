package org.checkpointio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.metrics.Lineage;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.ConcurrentCheckpointWriteException;
import org.checkpointio.TestManifests;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointMetrics;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointWriteResult;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.DeletedTree;
import org.checkpointio.SweptTree;
import org.checkpointio.CheckpointTree;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.joda.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The guarantees the local-file tests check, on an object store through Beam's file system for it:
 * a write reads back whole, in the same and in a later pipeline; a read finds RUN scope, then
 * CORRELATION scope; an exclusive re-write replaces a checkpoint whole; cleanup deletes exactly one
 * tree; the TTL sweep deletes exactly the trees older than its age. Every test works under a fresh root, and checks what is stored with the store's own client,
 * not through Beam.
 */
public abstract class ObjectStoreContract {
  /** Encodes to {@code daily%2F2026-11-23%20%231}: the object names hold percent signs. */
  protected static final String RUN_ID = "daily/2026-11-23 #1";

  protected static final String CORRELATION_ID = "workflow 7";
  protected static final String NAME = "orders/eu";
  private static final String ENCODED_RUN = "runs/daily%2F2026-11-23%20%231/";
  private static final String ENCODED_NAME = "orders%2Feu/";

  /** A fresh directory URI for the running test, without a trailing slash. */
  protected String root;

  /** Pipeline options that point Beam's file system for the store at it. */
  protected abstract String[] storeArgs();

  /** A bucket URI, or a prefix in one, that the tests may write under, e.g. {@code gs://b}. */
  protected abstract String bucketRoot();

  /** The URIs of all objects whose URI starts with {@code prefix}, by the store's own client. */
  protected abstract List<String> objectsUnder(String prefix) throws IOException;

  /** Stores {@code content} at {@code uri} with the store's own client. */
  protected abstract void putObject(String uri, byte[] content) throws IOException;

  @BeforeEach
  void freshRoot(TestInfo test) {
    root =
        bucketRoot() + "/" + test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID();
    // Construction-time reads use the file systems registered with the last pipeline's options.
    pipeline();
  }

  protected Pipeline pipeline() {
    return TestPipelines.create(storeArgs());
  }

  protected CheckpointContext context(String runId) {
    return CheckpointContext.of(root, runId).withCorrelationId(CORRELATION_ID);
  }

  /** The objects under the root, relative to it, sorted. */
  protected List<String> objectsUnderRoot() throws IOException {
    String prefix = root + "/";
    return objectsUnder(prefix).stream()
        .map(uri -> uri.substring(prefix.length()))
        .sorted()
        .toList();
  }

  private static List<String> committedFiles(String directory, Manifest manifest) {
    List<String> files = new ArrayList<>();
    files.add(directory + String.format("_manifest-%010d.json", manifest.version()));
    manifest.shards().forEach(shard -> files.add(directory + shard.fileName()));
    return files.stream().sorted().toList();
  }

  private Manifest manifest(CheckpointContext context, CheckpointScope scope, String name)
      throws IOException {
    return CommittedManifests.exclusive(context.paths(scope, name)).orElseThrow();
  }

  /**
   * The store's own create-if-absent: of two commits of one exclusive version, the second is
   * refused and the first stays whole.
   */
  @Test
  void anExclusiveVersionIsCreatedOnceAndNeverReplaced() throws Exception {
    CheckpointPaths paths = context(RUN_ID).paths(CheckpointScope.RUN, NAME);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(storeArgs()).create();
    Manifest first = TestManifests.exclusive(paths, "first", 1);
    Manifest second = TestManifests.exclusive(paths, "second", 1);
    assertTrue(ManifestFiles.createIfAbsent(first, paths.exclusiveManifest(1), options));
    assertFalse(ManifestFiles.createIfAbsent(second, paths.exclusiveManifest(1), options));
    assertEquals(first, CommittedManifests.exclusive(paths).orElseThrow());
  }

  /**
   * Two exclusive writes built from the same committed version: the first to commit wins; the
   * other fails naming both writes, removes its own shards and touches nothing of the winner's.
   */
  @Test
  void ofTwoExclusiveWritesStartedFromOneVersionTheSecondToCommitFails() throws Exception {
    CheckpointContext context = context(RUN_ID);
    Pipeline first = pipeline();
    writeOrders(first, context, CheckpointScope.RUN, TestRows.orders(0, 40));
    Pipeline second = pipeline(); // built now, from the same (empty) state
    writeOrders(second, context, CheckpointScope.RUN, TestRows.orders(100, 130));
    TestPipelines.run(first);
    Manifest winner = manifest(context, CheckpointScope.RUN, NAME);
    List<String> before = objectsUnderRoot();

    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(second));
    ConcurrentCheckpointWriteException lost =
        TestPipelines.causeOf(thrown, ConcurrentCheckpointWriteException.class);
    assertEquals(winner.writeId(), lost.getCommittedWriteId());
    assertTrue(lost.getMessage().contains(winner.writeId()), lost.getMessage());
    assertEquals(before, objectsUnderRoot(), "the loser leaves nothing, and takes nothing");

    Pipeline read = pipeline();
    PAssert.that(read.apply(CheckpointIO.read(NAME).from(context)))
        .containsInAnyOrder(TestRows.orders(0, 40));
    TestPipelines.run(read);
  }

  private CheckpointWriteResult writeOrders(
      Pipeline pipeline, CheckpointContext context, CheckpointScope scope, List<Row> rows) {
    return pipeline
        .apply("Create " + context.runId() + scope, Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(
            "Write " + context.runId() + scope,
            CheckpointIO.write(NAME).to(context).withScope(scope).withNumShards(2));
  }

  @Test
  void aWriteReadsBackWholeInTheSameAndInALaterPipeline() throws Exception {
    List<Row> rows = TestRows.allTypes(0, 120);
    CheckpointContext context = context(RUN_ID);
    Pipeline writing = pipeline();
    CheckpointWriteResult written =
        writing
            .apply(Create.of(rows).withRowSchema(TestRows.ALL_TYPES))
            .apply(CheckpointIO.write(NAME).to(context).withNumShards(3));
    PAssert.that(writing.apply(CheckpointIO.read(written))).containsInAnyOrder(rows);
    TestPipelines.run(writing);

    Pipeline reading = pipeline();
    PCollection<Row> back = reading.apply(CheckpointIO.read(NAME).from(context));
    PAssert.that(back).containsInAnyOrder(rows);
    PipelineResult result = TestPipelines.run(reading);

    Manifest manifest = manifest(context, CheckpointScope.RUN, NAME);
    assertEquals(120, manifest.totalRows());
    assertEquals(3, manifest.shards().size());
    assertEquals(120, TestPipelines.counter(result, CheckpointMetrics.rowsRead(NAME)));
    assertEquals(
        manifest.totalBytes(), TestPipelines.counter(result, CheckpointMetrics.bytesRead(NAME)));
    assertEquals(
        committedFiles(ENCODED_RUN + ENCODED_NAME, manifest),
        objectsUnderRoot(),
        "the store holds the shards and the manifest, and no temporary file");
  }

  /**
   * Beam's lineage (Dataflow's lineage view) shows a checkpoint as one sink when written and the
   * same one source when read, named by its directory, however many shards it has.
   */
  @Test
  void aCheckpointIsOneLineageSinkWhenWrittenAndTheSameSourceWhenRead() throws Exception {
    CheckpointContext context = context(RUN_ID);
    Pipeline writing = pipeline();
    writeOrders(writing, context, CheckpointScope.RUN, TestRows.orders(0, 40));
    Set<String> sinks = Lineage.query(TestPipelines.run(writing).metrics(), Lineage.Type.SINK);

    Pipeline reading = pipeline();
    reading.apply(CheckpointIO.read(NAME).from(context));
    Set<String> sources =
        Lineage.query(TestPipelines.run(reading).metrics(), Lineage.Type.SOURCE);

    assertEquals(1, sinks.size(), "one entry for the checkpoint: " + sinks);
    assertEquals(sinks, sources, "the read names the checkpoint the write named");
    String entry = sinks.iterator().next();
    assertTrue(entry.contains(ENCODED_NAME.replace("/", "")), entry);
  }

  @Test
  void aReadTriesRunScopeThenCorrelationScopeAndNamesThePathsItTried() throws Exception {
    Pipeline writing = pipeline();
    writeOrders(writing, context("attempt-1"), CheckpointScope.CORRELATION, TestRows.orders(0, 40));
    TestPipelines.run(writing);

    Pipeline retry = pipeline();
    PAssert.that(retry.apply(CheckpointIO.read(NAME).from(context("attempt-2"))))
        .containsInAnyOrder(TestRows.orders(0, 40));
    TestPipelines.run(retry);

    CheckpointNotFoundException notFound =
        assertThrows(
            CheckpointNotFoundException.class,
            () -> pipeline().apply(CheckpointIO.read("never written").from(context("attempt-2"))));
    assertEquals(
        List.of(
            root + "/runs/attempt-2/never%20written/",
            root + "/correlations/workflow%207/never%20written/"),
        notFound.getTriedPaths());
  }

  @Test
  void anExclusiveRewriteReplacesTheCheckpointWholeAndCollectsTheOldShards() throws Exception {
    CheckpointContext context = context(RUN_ID);
    Pipeline first = pipeline();
    writeOrders(first, context, CheckpointScope.RUN, TestRows.orders(0, 100));
    TestPipelines.run(first);
    Manifest old = manifest(context, CheckpointScope.RUN, NAME);

    Pipeline second = pipeline();
    second
        .apply(Create.of(TestRows.orders(1000, 1050)).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write(NAME)
                .to(context)
                .withNumShards(2)
                .withRetention(Duration.ZERO)); // no reader to wait for
    TestPipelines.run(second);
    Manifest current = manifest(context, CheckpointScope.RUN, NAME);

    Pipeline reading = pipeline();
    PAssert.that(reading.apply(CheckpointIO.read(NAME).from(context)))
        .containsInAnyOrder(TestRows.orders(1000, 1050));
    TestPipelines.run(reading);

    assertEquals(50, current.totalRows());
    List<String> objects = objectsUnderRoot();
    assertEquals(committedFiles(ENCODED_RUN + ENCODED_NAME, current), objects);
    assertTrue(objects.stream().noneMatch(o -> o.contains(old.writeId())), objects.toString());
  }

  @Test
  void cleanupDeletesExactlyTheRunTreeAndReportsIt() throws Exception {
    CheckpointContext context = context(RUN_ID);
    CheckpointContext sibling = context(RUN_ID + "0"); // its directory name starts the same
    Pipeline writing = pipeline();
    writeOrders(writing, context, CheckpointScope.RUN, TestRows.orders(0, 30));
    writeOrders(writing, context, CheckpointScope.CORRELATION, TestRows.orders(0, 30));
    writeOrders(writing, sibling, CheckpointScope.RUN, TestRows.orders(0, 30));
    TestPipelines.run(writing);
    putObject(root + "/beside-the-scopes.txt", "keep me".getBytes(StandardCharsets.UTF_8));
    // A "folder" as consoles create it: an empty object named like a directory. It is no file to
    // Beam (GCS listings skip it, Beam's S3 file system will not delete it), so cleanup leaves it
    // and does not count it.
    String folderMarker = ENCODED_RUN + ENCODED_NAME;
    putObject(root + "/" + folderMarker, new byte[0]);
    List<String> before = objectsUnderRoot();
    Manifest doomed = manifest(context, CheckpointScope.RUN, NAME);
    int doomedFiles = doomed.shards().size() + 1;
    List<String> survivors =
        before.stream().filter(o -> !o.startsWith(ENCODED_RUN) || o.equals(folderMarker)).toList();
    assertEquals(before.size() - doomedFiles, survivors.size(), before.toString());

    ScopeTree tree = context.tree(CheckpointScope.RUN);
    Pipeline cleaning = pipeline();
    PAssert.that(cleaning.apply(CheckpointIO.cleanup(context)))
        .containsInAnyOrder(
            DeletedTree.of(
                tree.directory().toString(),
                doomedFiles,
                doomed.totalBytes() + manifestBytes(context),
                0));
    PipelineResult result = TestPipelines.run(cleaning);

    assertEquals(survivors, objectsUnderRoot());
    assertEquals(doomedFiles, TestPipelines.counter(result, CheckpointMetrics.FILES_DELETED));

    Pipeline again = pipeline();
    PAssert.that(again.apply(CheckpointIO.cleanup(context)))
        .containsInAnyOrder(DeletedTree.of(tree.directory().toString(), 0, 0, 0));
    TestPipelines.run(again);
    assertEquals(survivors, objectsUnderRoot());
  }

  /** Time between writing the old and the recent tree; the stores' clock is this machine's. */
  private static final long SWEEP_GAP_MILLIS = 10_000; // room for a slow pipeline start under load

  /**
   * Headroom of the sweep's cutoff past the old tree's newest file as the sweep sees it. The recent
   * tree stays safe as long as the pipeline reaches it within {@link #SWEEP_GAP_MILLIS} less this:
   * S3 listings give last-modified in whole seconds, but flooring both trees' times keeps the gap
   * between them at least {@link #SWEEP_GAP_MILLIS}.
   */
  private static final long SWEEP_MARGIN_MILLIS = 250;

  @Test
  void theSweepListsInADryRunThenDeletesExactlyTheTreeOlderThanTheAge() throws Exception {
    long start = System.currentTimeMillis();
    CheckpointContext context = context(RUN_ID);
    String oldTree = context.tree(CheckpointScope.RUN).directory().toString();
    String recentTree = context.tree(CheckpointScope.CORRELATION).directory().toString();
    List<String> oldFiles =
        List.of(
            oldTree + ENCODED_NAME + "manifest.json",
            oldTree + ENCODED_NAME + "part-00000-of-00002.parquet",
            oldTree + "customers/part-00001-of-00002.parquet");
    long oldBytes = 0;
    for (String uri : oldFiles) {
      byte[] content = ("old " + uri).getBytes(StandardCharsets.UTF_8);
      putObject(uri, content);
      oldBytes += content.length;
    }
    String beside = root + "/beside-the-scopes.txt"; // as old, but in no scope directory
    putObject(beside, "keep me".getBytes(StandardCharsets.UTF_8));
    long oldWritten = System.currentTimeMillis();

    Thread.sleep(SWEEP_GAP_MILLIS);
    long recentStart = System.currentTimeMillis();
    List<String> recentFiles =
        List.of(recentTree + ENCODED_NAME + "manifest.json", recentTree + ENCODED_NAME + "x.arrow");
    for (String uri : recentFiles) {
      putObject(uri, ("recent " + uri).getBytes(StandardCharsets.UTF_8));
    }
    long recentWritten = System.currentTimeMillis();

    // Last-modified times as the sweep sees them: through Beam's file system for the store. A
    // store (or test server) that reports none would make every tree look ancient.
    long oldNewest = newestLastModified(oldTree);
    long recentNewest = newestLastModified(recentTree);
    assertTrue(
        oldNewest >= start - 1_000 && oldNewest <= oldWritten,
        "old tree last modified " + oldNewest + ", written in [" + start + ", " + oldWritten + "]");
    assertTrue(
        recentNewest >= recentStart - 1_000 && recentNewest <= recentWritten,
        "recent tree last modified "
            + recentNewest
            + ", written in ["
            + recentStart
            + ", "
            + recentWritten
            + "]");
    List<String> before = objectsUnderRoot();
    assertEquals(oldFiles.size() + recentFiles.size() + 1, before.size(), before.toString());

    CheckpointTree oldListed =
        CheckpointTree.of(oldTree, CheckpointScope.RUN, RUN_ID, oldFiles.size(), oldBytes, oldNewest);
    SweptTree listed = SweptTree.wouldDelete(oldListed);
    Pipeline dryRun = pipeline();
    PAssert.that(dryRun.apply(sweepPastTheOldTree(oldNewest).withDryRun(true)))
        .containsInAnyOrder(listed);
    PipelineResult listing = TestPipelines.run(dryRun);
    assertEquals(before, objectsUnderRoot(), "a dry run deletes nothing");
    assertEquals(0, TestPipelines.counter(listing, CheckpointMetrics.FILES_DELETED));

    Pipeline sweeping = pipeline();
    PAssert.that(sweeping.apply(sweepPastTheOldTree(oldNewest)))
        .containsInAnyOrder(
            SweptTree.deleted(oldListed, 0));
    PipelineResult swept = TestPipelines.run(sweeping);

    String prefix = root + "/";
    List<String> kept =
        before.stream().filter(o -> !(prefix + o).startsWith(oldTree)).sorted().toList();
    assertEquals(
        Stream.concat(recentFiles.stream(), Stream.of(beside))
            .map(uri -> uri.substring(prefix.length()))
            .sorted()
            .toList(),
        kept);
    assertEquals(kept, objectsUnderRoot(), "exactly the old tree is gone");
    assertEquals(oldFiles.size(), TestPipelines.counter(swept, CheckpointMetrics.FILES_DELETED));
    assertEquals(oldBytes, TestPipelines.counter(swept, CheckpointMetrics.BYTES_DELETED));
  }

  /**
   * A sweep whose cutoff, when the pipeline starts, lies {@link #SWEEP_MARGIN_MILLIS} past {@code
   * oldNewest}: the old tree is expired however long the pipeline takes, the recent one is not.
   */
  private CheckpointIO.Sweep sweepPastTheOldTree(long oldNewest) {
    long age = System.currentTimeMillis() - oldNewest - SWEEP_MARGIN_MILLIS;
    // Seconds old, under the sweep's minimum age: this root has no pipeline writing to it.
    return CheckpointIO.sweep(root).olderThan(Duration.millis(age)).withForce(true);
  }

  private static long newestLastModified(String directory) throws IOException {
    MatchResult match =
        FileSystems.match(List.of(directory + "**"), EmptyMatchTreatment.DISALLOW).get(0);
    return match.metadata().stream()
        .mapToLong(MatchResult.Metadata::lastModifiedMillis)
        .max()
        .orElseThrow();
  }

  private long manifestBytes(CheckpointContext context) throws IOException {
    return FileSystems.matchSingleFileSpec(
            context.paths(CheckpointScope.RUN, NAME).exclusiveManifest(1).toString())
        .sizeBytes();
  }

  /**
   * Stores {@code count} small objects in the RUN tree of {@link #RUN_ID} (through the store's own
   * client, in parallel), plus one object beside the tree, then cleans the tree with a pipeline.
   * Checks what cleanup reported, and that exactly the tree is gone.
   */
  protected void cleanUpATreeOf(int count) throws Exception {
    CheckpointContext context = context(RUN_ID);
    String directory = context.tree(CheckpointScope.RUN).directory().toString();
    String beside = context(RUN_ID + "0").tree(CheckpointScope.RUN).directory() + "keep.txt";
    List<String> uris = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      uris.add(String.format("%sname-%d/part-%05d.parquet", directory, i % 7, i));
    }
    InParallel.forEach(uris, uri -> putObject(uri, uri.getBytes(StandardCharsets.UTF_8)));
    putObject(beside, new byte[] {1});
    assertEquals(count + 1, objectsUnderRoot().size());

    Pipeline cleaning = pipeline();
    PCollection<DeletedTree> deleted = cleaning.apply(CheckpointIO.cleanup(context));
    long bytes = uris.stream().mapToLong(u -> u.getBytes(StandardCharsets.UTF_8).length).sum();
    PAssert.that(deleted).containsInAnyOrder(DeletedTree.of(directory, count, bytes, 0));
    TestPipelines.run(cleaning);

    assertEquals(List.of(beside), objectsUnder(root + "/"));
  }
}
