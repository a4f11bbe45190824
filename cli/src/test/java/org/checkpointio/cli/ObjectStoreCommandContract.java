package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointScope;
import org.checkpointio.TreeAge;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * The {@code checkpoint} jar run as a separate process against an object-store root, with the
 * store's Beam options in {@code CHECKPOINT_PIPELINE_OPTIONS}: {@code ls} and {@code show} of
 * checkpoints a real DirectRunner pipeline wrote there, {@code rm} and {@code sweep} deleting
 * exactly the trees they should (checked with the store's own client), and one-line errors. One
 * subclass per store starts a server for it on 127.0.0.1.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class ObjectStoreCommandContract {
  protected static final String BUCKET = "checkpoints";

  /**
   * The least time between the sweep's old tree and its recent one. The stores stamp objects with
   * the time they receive them, so ages come from waiting; each sweep's age is chosen when it
   * starts, so the recent tree is safe as long as the jar reaches it within this gap less 2 s.
   * Ages of seconds are under the sweep's minimum, so the sweeps are forced.
   */
  private static final long SWEEP_GAP_MILLIS = 12_000;

  private String written;
  private String removing;
  private String sweeping;
  private long expiredTreeWritten;

  /** Starts a server holding the empty bucket {@link #BUCKET}. */
  protected abstract void startStore() throws Exception;

  protected abstract void stopStore() throws Exception;

  /** {@code gs} or {@code s3}. */
  protected abstract String scheme();

  /** Pipeline options that point Beam's file system for the store at the server. */
  protected abstract String[] storeArgs();

  /** Every object whose URI starts with {@code prefix}, with its size, by the store's client. */
  protected abstract SortedMap<String, Long> objectsUnder(String prefix) throws IOException;

  /** Stores {@code content} at {@code uri} with the store's own client. */
  protected abstract void putObject(String uri, byte[] content) throws IOException;

  /** A regular expression for the first line of the store's answer to a missing bucket's list. */
  protected abstract String missingBucketAnswer();

  /**
   * How the jar starts: the store's options in the environment, as an operator passes them, and no
   * look-up of an EC2 region on this machine (see Storage in docs/operations.md).
   */
  protected CheckpointProcess.Launch launch() {
    return CheckpointProcess.Launch.PLAIN
        .withEnvironment(CheckpointRoot.OPTIONS_VARIABLE, String.join(" ", storeArgs()))
        .withJvmOption("-Daws.disableEc2Metadata=true");
  }

  private String bucketRoot() {
    return scheme() + "://" + BUCKET;
  }

  /**
   * Under {@code written}: run 'nightly/2026-11-23' with 'customers' and correlation 'wf/7' with
   * 'orders/eu'. Under {@code removing}: runs 'doomed/1' and 'doomed/10' (whose directory name
   * starts like the first's) and correlation 'wf/7', each with 'customers'. Under {@code sweeping},
   * first of all: a run tree and an object beside the scope directories, to age.
   */
  @BeforeAll
  void writeCheckpointsWithAPipeline() throws Exception {
    startStore();
    String[] args = storeArgs();
    // The options hold one JSON value (S3's credentials provider); the jar splits on spaces.
    for (String arg : args) {
      assertFalse(arg.contains(" "), arg);
    }
    written = bucketRoot() + "/written";
    removing = bucketRoot() + "/removing";
    sweeping = bucketRoot() + "/sweeping";
    putObject(sweeping + "/runs/expired/customers/manifest.json", bytes("{}"));
    putObject(sweeping + "/runs/expired/customers/part-00000-of-00001.parquet", bytes("rows"));
    putObject(sweeping + "/beside-the-scopes.txt", bytes("keep me"));
    expiredTreeWritten = System.currentTimeMillis();

    List<String> pipelineArgs = new ArrayList<>(List.of("--runner=DirectRunner"));
    pipelineArgs.addAll(List.of(args));
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(pipelineArgs.toArray(String[]::new)).create();
    FileSystems.setDefaultPipelineOptions(options);
    Pipeline pipeline = Pipeline.create(options);
    CheckpointContext nightly =
        CheckpointContext.of(written, "nightly/2026-11-23").withCorrelationId("wf/7");
    CustomerCheckpoint.write(pipeline, nightly, CheckpointScope.RUN, "customers", 6, 2);
    CustomerCheckpoint.write(pipeline, nightly, CheckpointScope.CORRELATION, "orders/eu", 4, 1);
    CheckpointContext doomed = CheckpointContext.of(removing, "doomed/1").withCorrelationId("wf/7");
    CustomerCheckpoint.write(pipeline, doomed, CheckpointScope.RUN, "customers", 5, 2);
    CustomerCheckpoint.write(pipeline, doomed, CheckpointScope.CORRELATION, "customers", 3, 1);
    CustomerCheckpoint.write(
        pipeline,
        CheckpointContext.of(removing, "doomed/10"),
        CheckpointScope.RUN,
        "customers",
        2,
        1);
    pipeline.run().waitUntilFinish();
  }

  @AfterAll
  void stopTheStore() throws Exception {
    stopStore();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes of the shards in a checkpoint's directory, by the store's own listing. */
  private long shardBytes(String directory) throws IOException {
    return objectsUnder(directory).entrySet().stream()
        .filter(o -> !CheckpointPaths.isManifest(o.getKey().substring(o.getKey().lastIndexOf('/') + 1)))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Test
  void lsListsTheTreesAPipelineWroteWithDecodedIdsNamesAndTotals() throws Exception {
    CheckpointProcess.Result ls = launch().run("ls", written);
    assertEquals(0, ls.exitCode(), ls.describe());
    List<String> lines = ls.collapsedOut();
    assertEquals(4, lines.size(), ls.describe());
    for (String row : lines.subList(1, 3)) {
      assertTrue(row.matches(".* \\d+s|.* \\d+m"), "AGE since the commit, just now: " + row);
    }
    assertEquals(
        List.of(
            "SCOPE ID NAME FORMAT ROWS BYTES AGE",
            "run nightly/2026-11-23 customers PARQUET 6 "
                + shardBytes(written + "/runs/nightly%2F2026-11-23/customers/"),
            "correlation wf/7 orders/eu PARQUET 4 "
                + shardBytes(written + "/correlations/wf%2F7/orders%2Feu/"),
            "2 trees, 2 committed checkpoints"),
        lines.stream().map(line -> line.replaceFirst(" \\d+[sm]$", "")).toList(),
        ls.describe());
    assertEquals(List.of(), ls.err(), ls.describe());
  }

  @Test
  void lsJsonGivesEachTreeItsStoreUriAndItsCheckpoints() throws Exception {
    CheckpointProcess.Result ls = launch().run("ls", written, "--json");
    assertEquals(0, ls.exitCode(), ls.describe());
    JsonNode json = ls.json();
    assertEquals(written, json.get("root").asText());
    assertEquals(2, json.get("trees").size(), ls.describe());
    JsonNode run = json.get("trees").get(0);
    assertEquals("RUN", run.get("scope").asText());
    assertEquals("nightly/2026-11-23", run.get("id").asText());
    String directory = written + "/runs/nightly%2F2026-11-23/";
    assertEquals(directory, run.get("directory").asText());
    assertEquals(objectsUnder(directory).size(), run.get("files").asLong());
    JsonNode customers = run.get("checkpoints").get(0);
    assertEquals("customers", customers.get("name").asText());
    assertEquals(6, customers.get("totalRows").asLong());
    assertEquals(shardBytes(directory + "customers/"), customers.get("totalBytes").asLong());
    JsonNode correlation = json.get("trees").get(1);
    assertEquals("CORRELATION", correlation.get("scope").asText());
    assertEquals("wf/7", correlation.get("id").asText());
    assertEquals("orders/eu", correlation.get("checkpoints").get(0).get("name").asText());
    assertEquals(List.of(), ls.err(), ls.describe());
  }

  @Test
  void showPrintsSchemaShardsAndTotalsAsTheStoreHoldsThem() throws Exception {
    CheckpointPaths paths =
        CheckpointContext.of(written, "nightly/2026-11-23").paths(CheckpointScope.RUN, "customers");
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    SortedMap<String, Long> shards = new TreeMap<>();
    manifest.shards().forEach(s -> shards.put(paths.file(s.fileName()).toString(), s.sizeBytes()));
    SortedMap<String, Long> stored = objectsUnder(paths.directory().toString());
    stored.remove(CommittedManifests.location(paths, manifest).toString());
    assertEquals(stored, shards, "the manifest names every shard the store holds, and its size");

    CheckpointProcess.Result show =
        launch().run("show", written, "--run", "nightly/2026-11-23", "customers");
    assertEquals(0, show.exitCode(), show.describe());
    assertEquals(
        CustomerCheckpoint.shown("run 'nightly/2026-11-23'", paths, manifest),
        show.collapsedOut(),
        show.describe());
    assertEquals(6, manifest.totalRows());
    assertEquals(2, manifest.shards().size());
    assertEquals(List.of(), show.err(), show.describe());
  }

  @Test
  void showJsonGivesTheStoreUrisOfExactlyTheCommittedShards() throws Exception {
    CheckpointPaths paths =
        CheckpointContext.of(written, "nightly/2026-11-23").paths(CheckpointScope.RUN, "customers");
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    String location = CommittedManifests.location(paths, manifest).toString();
    SortedMap<String, Long> stored = objectsUnder(paths.directory().toString());

    CheckpointProcess.Result show =
        launch().run("show", written, "--run", "nightly/2026-11-23", "customers", "--json");
    assertEquals(0, show.exitCode(), show.describe());
    JsonNode json = new ObjectMapper().readTree(String.join("\n", show.out()));
    List<String> files = new ArrayList<>();
    json.get("files").forEach(file -> files.add(file.asText()));
    assertEquals(
        manifest.shards().stream().map(s -> paths.file(s.fileName()).toString()).toList(),
        files,
        show.describe());
    for (String file : files) {
      assertTrue(file.startsWith(written + "/"), file);
      assertTrue(stored.containsKey(file), file + " is not in the store: " + stored.keySet());
    }
    assertEquals(1, json.get("manifests").size(), show.describe());
    assertEquals(location, json.get("manifests").get(0).get("location").asText());
    assertEquals(
        manifest.writeId(), json.get("manifests").get(0).get("manifest").get("writeId").asText());
  }

  @Test
  void rmYesDeletesExactlyThatTreeAndLeavesALookAlikeAndTheCorrelation() throws Exception {
    String tree = removing + "/runs/doomed%2F1/";
    SortedMap<String, Long> before = objectsUnder(removing + "/");
    SortedMap<String, Long> doomed = objectsUnder(tree);
    SortedMap<String, Long> kept = new TreeMap<>(before);
    kept.keySet().removeAll(doomed.keySet());
    assertEquals(3, doomed.size(), "2 shards and a manifest: " + before);
    assertTrue(kept.keySet().stream().anyMatch(o -> o.contains("/runs/doomed%2F10/")), "" + kept);
    assertTrue(
        kept.keySet().stream().anyMatch(o -> o.contains("/correlations/wf%2F7/")), "" + kept);

    CheckpointProcess.Result rm = launch().run("rm", removing, "--run", "doomed/1", "--yes");
    assertEquals(0, rm.exitCode(), rm.describe());
    long bytes = doomed.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(List.of("Deleted run 'doomed/1': 3 files, " + bytes + " bytes"), rm.out());
    assertEquals(List.of(), rm.err(), rm.describe());
    assertEquals(kept, objectsUnder(removing + "/"), "exactly the tree is gone");
  }

  @Test
  void sweepDryRunListsOnlyTheExpiredTreeAndSweepDeletesOnlyIt() throws Exception {
    long wait = expiredTreeWritten + SWEEP_GAP_MILLIS - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
    putObject(sweeping + "/correlations/fresh/customers/manifest.json", bytes("{}"));
    SortedMap<String, Long> before = objectsUnder(sweeping + "/");
    String expired = sweeping + "/runs/expired/";
    long expiredBytes = objectsUnder(expired).values().stream().mapToLong(Long::longValue).sum();
    String listed = "run 'expired': " + expired + " (2 files, " + expiredBytes + " bytes, ";

    String dryAge = ageBetweenTheTrees();
    CheckpointProcess.Result dryRun =
        launch().run("sweep", sweeping, "--older-than", dryAge, "--force", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.describe());
    assertEquals(
        List.of(
            "Would delete " + listed + "newest file AGE old)",
            "Dry run: 1 of 2 trees has no file newer than "
                + printed(dryAge)
                + "; nothing was deleted"),
        withoutFileAges(dryRun.out()),
        dryRun.describe());
    assertEquals(before, objectsUnder(sweeping + "/"), "a dry run deletes nothing");

    String age = ageBetweenTheTrees();
    CheckpointProcess.Result sweep =
        launch().run("sweep", sweeping, "--older-than", age, "--force", "--yes");
    assertEquals(0, sweep.exitCode(), sweep.describe());
    assertEquals(
        List.of(
            "Deleted " + listed + "newest file AGE old)",
            "Deleted 1 of 2 trees: it had no file newer than " + printed(age)),
        withoutFileAges(sweep.out()),
        sweep.describe());
    SortedMap<String, Long> kept = new TreeMap<>(before);
    kept.keySet().removeIf(o -> o.startsWith(expired));
    assertEquals(
        List.of(
            sweeping + "/beside-the-scopes.txt",
            sweeping + "/correlations/fresh/customers/manifest.json"),
        List.copyOf(kept.keySet()));
    assertEquals(kept, objectsUnder(sweeping + "/"), "exactly the expired tree is gone");
  }

  /**
   * An age in whole seconds that the expired tree has already passed when a jar started now checks
   * it, and the fresh tree (written {@link #SWEEP_GAP_MILLIS} later) has not.
   */
  private String ageBetweenTheTrees() {
    long seconds = (System.currentTimeMillis() - expiredTreeWritten - 1) / 1000;
    assertTrue(seconds * 1000 >= SWEEP_GAP_MILLIS - 1000, "age " + seconds + "s");
    return seconds + "s";
  }

  private static String printed(String age) {
    return TreeAge.format(TreeAge.parse(age));
  }

  private static List<String> withoutFileAges(List<String> lines) {
    return lines.stream()
        .map(l -> l.replaceFirst("newest file [^)]+ old\\)", "newest file AGE old)"))
        .toList();
  }

  @Test
  void aMissingBucketOrCheckpointOnAStoreRootExitsNonZeroWithOneLine() throws Exception {
    // Every command checks its root so; without it, a missing bucket listed as having no trees.
    String missingBucket = scheme() + "://no-such-bucket/checkpoints";
    CheckpointProcess.Result ls = launch().run("ls", missingBucket);
    assertEquals(2, ls.exitCode(), ls.describe());
    assertEquals(List.of(), ls.out(), ls.describe());
    assertEquals(1, ls.err().size(), ls.describe());
    String expected =
        Pattern.quote("checkpoint ls: Unknown root '" + missingBucket + "': it cannot be listed (")
            + missingBucketAnswer()
            + Pattern.quote(
                "); give a bucket that exists and that these credentials can read"
                    + " (see 'checkpoint ls --help')");
    assertTrue(ls.err().get(0).matches(expected), ls.describe());

    CheckpointProcess.Result show =
        launch().run("show", written, "--run", "nightly/2026-11-23", "refunds");
    assertEquals(1, show.exitCode(), show.describe());
    assertEquals(
        List.of(
            "checkpoint show: no committed checkpoint 'refunds' in run 'nightly/2026-11-23' (no"
                + " manifest in "
                + written
                + "/runs/nightly%2F2026-11-23/refunds/); see 'checkpoint ls "
                + written
                + "'"),
        show.err(),
        show.describe());
    assertEquals(List.of(), show.out(), show.describe());
  }
}
