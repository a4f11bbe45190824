package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code checkpoint} jar run as a separate process against real trees: one written by a real
 * pipeline, others committed with the library's manifest code at known ages.
 */
class CheckpointCommandIT {
  /**
   * Ages below sit mid-unit (e.g. 65.5 minutes prints as 1h 5m), so seconds of drift don't matter.
   */
  private final Instant now = Instant.now();

  @TempDir static Path written;
  @TempDir Path root;

  /** A real checkpoint: 'customers' of run 'nightly/2026-11-23', two shards, 6 rows. */
  @BeforeAll
  static void writeWithAPipeline() {
    Pipeline pipeline =
        Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    CustomerCheckpoint.write(
        pipeline,
        CheckpointContext.of(written.toString(), "nightly/2026-11-23"),
        CheckpointScope.RUN,
        "customers",
        6,
        2);
    pipeline.run().waitUntilFinish();
  }

  private static void file(Path path, int bytes, Instant modified) throws IOException {
    LocalTrees.file(path, bytes, modified);
  }

  /** See {@link LocalTrees#threeTrees}. */
  private void threeTrees() throws IOException {
    new LocalTrees(root, now).threeTrees();
  }

  private List<String> filesUnder(String relative) throws IOException {
    Path dir = root.resolve(relative);
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private long bytesUnder(String relative) throws IOException {
    long bytes = 0;
    for (String file : filesUnder(relative)) {
      bytes += Files.size(root.resolve(relative).resolve(file));
    }
    return bytes;
  }

  @Test
  void lsListsEveryTreeWithDecodedIdsAndItsCommittedCheckpoints() throws Exception {
    threeTrees();
    CheckpointProcess.Result ls = CheckpointProcess.run("ls", root.toString());
    assertEquals(0, ls.exitCode(), ls.describe());
    assertEquals(
        List.of(
            "SCOPE        ID                  NAME              FORMAT   ROWS  BYTES  AGE",
            "run          crashed             (none committed)  -        -     4096   4d 1h",
            "run          nightly/2026-11-23  orders            PARQUET  60    600    3d 2h",
            "correlation  wf-7                customers         PARQUET  12    120    1h 5m",
            "3 trees, 2 committed checkpoints"),
        ls.out(),
        ls.describe());
    assertEquals(List.of(), ls.err(), ls.describe());
  }

  @Test
  void lsOfAnEmptyRootSaysSo() throws Exception {
    CheckpointProcess.Result ls = CheckpointProcess.run("ls", root.toString());
    assertEquals(0, ls.exitCode(), ls.describe());
    assertEquals(List.of("No checkpoint trees under " + root), ls.out());
  }

  @Test
  void showPrintsSchemaShardsTotalsAndVersionsOfARealCheckpoint() throws Exception {
    CheckpointPaths paths =
        ScopeTree.of(written.toString(), CheckpointScope.RUN, "nightly/2026-11-23")
            .checkpoint("customers");
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    assertEquals(2, manifest.shards().size());
    assertEquals(6, manifest.totalRows());

    CheckpointProcess.Result show =
        CheckpointProcess.run(
            "show", written.toString(), "--run", "nightly/2026-11-23", "customers");
    assertEquals(0, show.exitCode(), show.describe());
    assertEquals(
        CustomerCheckpoint.shown("run 'nightly/2026-11-23'", paths, manifest),
        show.collapsedOut(),
        show.describe());
    assertTrue(manifest.libraryVersion().startsWith("0.1.0"), manifest.libraryVersion());
  }

  @Test
  void showListsEachManifestOfAFanIn() throws Exception {
    threeTrees();
    CheckpointProcess.Result show =
        CheckpointProcess.run("show", root.toString(), "--correlation", "wf-7", "customers");
    assertEquals(0, show.exitCode(), show.describe());
    List<String> lines = show.collapsedOut();
    assertTrue(lines.contains("rows 12"), show.describe());
    assertTrue(lines.contains("manifests 2"), show.describe());
    assertEquals(
        2,
        lines.stream()
            .filter(l -> l.matches("Manifest _append-w1a\\d+\\.json: APPEND .*"))
            .count(),
        show.describe());
  }

  private static JsonNode json(CheckpointProcess.Result result) throws IOException {
    return new ObjectMapper().readTree(String.join("\n", result.out()));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  @Test
  void showJsonGivesTheLiveManifestsAsStoredAndExactlyTheCommittedShardFiles() throws Exception {
    CheckpointPaths paths =
        ScopeTree.of(written.toString(), CheckpointScope.RUN, "nightly/2026-11-23")
            .checkpoint("customers");
    Path directory = Path.of(paths.directory().toString());
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    // A write that never committed left a shard beside the committed ones.
    Path leftover = directory.resolve("part-neverdone-00000-of-00001.parquet");
    Files.copy(directory.resolve(manifest.shards().get(0).fileName()), leftover);
    CheckpointProcess.Result show;
    try {
      show =
          CheckpointProcess.run(
              "show", written.toString(), "--run", "nightly/2026-11-23", "customers", "--json");
    } finally {
      Files.delete(leftover);
    }
    assertEquals(0, show.exitCode(), show.describe());
    JsonNode json = json(show);
    assertEquals("customers", json.get("name").asText());
    assertEquals("RUN", json.get("scope").asText());
    assertEquals("nightly/2026-11-23", json.get("id").asText());
    assertEquals(directory, Path.of(json.get("directory").asText()));
    assertEquals("PARQUET", json.get("fileFormat").asText());
    assertEquals(6, json.get("totalRows").asLong());
    assertEquals(manifest.totalBytes(), json.get("totalBytes").asLong());

    List<String> files = texts(json.get("files"));
    assertEquals(2, files.size(), show.describe());
    for (int i = 0; i < files.size(); i++) {
      Path file = Path.of(files.get(i));
      assertTrue(file.isAbsolute() && Files.isRegularFile(file), files.get(i));
      assertEquals(directory.resolve(manifest.shards().get(i).fileName()), file);
    }

    assertEquals(1, json.get("manifests").size(), show.describe());
    JsonNode live = json.get("manifests").get(0);
    Path location = directory.resolve("_manifest-0000000001.json");
    assertEquals(location, Path.of(live.get("location").asText()));
    assertEquals(new ObjectMapper().readTree(location.toFile()), live.get("manifest"));
  }

  @Test
  void showJsonOfAFanInListsEveryAppendManifestAndItsShards() throws Exception {
    threeTrees();
    CheckpointProcess.Result show =
        CheckpointProcess.run(
            "show", root.toString(), "--correlation", "wf-7", "customers", "--json");
    assertEquals(0, show.exitCode(), show.describe());
    JsonNode json = json(show);
    Path directory = root.resolve("correlations/wf-7/customers");
    assertEquals(12, json.get("totalRows").asLong());
    assertEquals(
        List.of(
            directory.resolve("part-w1a130-00000-of-00001.parquet").toString(),
            directory.resolve("part-w1a65-00000-of-00001.parquet").toString()),
        texts(json.get("files")).stream().sorted().toList());
    List<String> locations = new ArrayList<>();
    for (JsonNode live : json.get("manifests")) {
      assertEquals("APPEND", live.get("manifest").get("mode").asText());
      locations.add(live.get("location").asText());
    }
    assertEquals(
        List.of(
            directory.resolve("_append-w1a130.json").toString(),
            directory.resolve("_append-w1a65.json").toString()),
        locations.stream().sorted().toList());
  }

  @Test
  void showJsonOfAMissingCheckpointFailsWithTheSameLine() throws Exception {
    threeTrees();
    CheckpointProcess.Result show =
        CheckpointProcess.run(
            "show", root.toString(), "--run", "nightly/2026-11-23", "refunds", "--json");
    assertEquals(1, show.exitCode(), show.describe());
    assertEquals(List.of(), show.out());
    assertEquals(1, show.err().size(), show.describe());
    assertTrue(show.err().get(0).startsWith("checkpoint show: no committed checkpoint 'refunds'"));
  }

  @Test
  void showOfAMissingCheckpointFailsWithOneLine() throws Exception {
    threeTrees();
    CheckpointProcess.Result show =
        CheckpointProcess.run("show", root.toString(), "--run", "nightly/2026-11-23", "refunds");
    assertEquals(1, show.exitCode(), show.describe());
    assertEquals(
        List.of(
            "checkpoint show: no committed checkpoint 'refunds' in run 'nightly/2026-11-23' (no"
                + " manifest in "
                + root
                + "/runs/nightly%2F2026-11-23/refunds/); see 'checkpoint"
                + " ls "
                + root
                + "'"),
        show.err());
  }

  @Test
  void rmAsksFirstAndDeletesNothingWithoutAYes() throws Exception {
    threeTrees();
    List<String> before = filesUnder("runs");
    for (String answer : new String[] {"n\n", null}) {
      CheckpointProcess.Result rm =
          CheckpointProcess.runWithInput(answer, "rm", root.toString(), "--run", "crashed");
      assertEquals(1, rm.exitCode(), rm.describe());
      assertTrue(
          rm.out()
              .get(0)
              .startsWith(
                  "Delete run 'crashed': " + root + "/runs/crashed/ (1 file, 4096 bytes)? [y/N]"),
          rm.describe());
      assertEquals(List.of("checkpoint rm: not deleted; answer y, or pass --yes"), rm.err());
    }
    assertEquals(before, filesUnder("runs"));

    CheckpointProcess.Result yes =
        CheckpointProcess.runWithInput("y\n", "rm", root.toString(), "--run", "crashed");
    assertEquals(0, yes.exitCode(), yes.describe());
    assertTrue(
        yes.out().get(yes.out().size() - 1).endsWith("Deleted run 'crashed': 1 file, 4096 bytes"),
        yes.describe());
    assertFalse(Files.exists(root.resolve("runs/crashed")));
  }

  @Test
  void rmYesDeletesExactlyThatTreeWithAProgressLinePerBatch() throws Exception {
    threeTrees();
    for (int i = 0; i < 2500; i++) {
      file(root.resolve("correlations/big%2Fone/events/part-" + i), 2, now);
    }
    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", root.toString(), "--correlation", "big/one", "--yes");
    assertEquals(0, rm.exitCode(), rm.describe());
    assertEquals(List.of("Deleted correlation 'big/one': 2500 files, 5000 bytes"), rm.out());
    String directory = root + "/correlations/big%2Fone/";
    assertEquals(
        List.of(
            "deleting " + directory + ": 1000 of 2500 files",
            "deleting " + directory + ": 2000 of 2500 files"),
        rm.err());
    assertFalse(Files.exists(root.resolve("correlations/big%2Fone")));
    assertEquals(4, filesUnder("runs/nightly%2F2026-11-23").size()); // 3 shards, 1 manifest
    assertEquals(4, filesUnder("correlations/wf-7").size()); // 2 shards, 2 manifests
    assertEquals(1, filesUnder("runs/crashed").size());
  }

  @Test
  void rmOfATreeThatIsNotThereIsNoError() throws Exception {
    threeTrees();
    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", root.toString(), "--run", "never-ran", "--yes");
    assertEquals(0, rm.exitCode(), rm.describe());
    assertEquals(List.of("Nothing to delete: run 'never-ran' has no tree under " + root), rm.out());
  }

  @Test
  void sweepDryRunListsExpiredTreesAndSweepDeletesOnlyThem() throws Exception {
    threeTrees();
    List<String> before = filesUnder("");
    CheckpointProcess.Result dryRun =
        CheckpointProcess.run("sweep", root.toString(), "--older-than", "72h", "--dry-run");
    assertEquals(0, dryRun.exitCode(), dryRun.describe());
    assertEquals(
        List.of(
            "Would delete run 'crashed': "
                + root
                + "/runs/crashed/ (1 file, 4096 bytes, newest file 4d 1h old)",
            "Would delete run 'nightly/2026-11-23': "
                + root
                + "/runs/nightly%2F2026-11-23/ (4"
                + " files, "
                + bytesUnder("runs/nightly%2F2026-11-23")
                + " bytes, newest file"
                + " 3d 2h old)",
            "Dry run: 2 of 3 trees have no file newer than 3d 0h; nothing was deleted"),
        dryRun.out(),
        dryRun.describe());
    assertEquals(before, filesUnder(""));

    CheckpointProcess.Result sweep =
        CheckpointProcess.run("sweep", root.toString(), "--older-than", "3d", "--yes");
    assertEquals(0, sweep.exitCode(), sweep.describe());
    assertEquals(
        "Deleted 2 of 3 trees: they had no file newer than 3d 0h",
        sweep.out().get(sweep.out().size() - 1),
        sweep.describe());
    assertEquals(List.of(), filesUnder("runs"));
    assertEquals(4, filesUnder("correlations/wf-7").size());
  }

  @Test
  void sweepListsWhatItWouldDeleteAndAsksFirstDeletingNothingWithoutAYes() throws Exception {
    threeTrees();
    List<String> before = filesUnder("");
    List<String> listed =
        List.of(
            "Would delete run 'crashed': "
                + root
                + "/runs/crashed/ (1 file, 4096 bytes, newest file 4d 1h old)",
            "Would delete run 'nightly/2026-11-23': "
                + root
                + "/runs/nightly%2F2026-11-23/ (4 files, "
                + bytesUnder("runs/nightly%2F2026-11-23")
                + " bytes, newest file 3d 2h old)");
    for (String answer : new String[] {"n\n", "\n", null}) {
      CheckpointProcess.Result sweep =
          CheckpointProcess.runWithInput(answer, "sweep", root.toString(), "--older-than", "3d");
      assertEquals(1, sweep.exitCode(), sweep.describe());
      assertEquals(listed, sweep.out().subList(0, 2), sweep.describe());
      assertTrue(
          sweep.out().get(2).startsWith("Delete these 2 trees? [y/N]"), sweep.describe());
      assertEquals(
          List.of("checkpoint sweep: not deleted; answer y, or pass --yes"), sweep.err());
      assertEquals(before, filesUnder(""));
    }

    CheckpointProcess.Result yes =
        CheckpointProcess.runWithInput("y\n", "sweep", root.toString(), "--older-than", "3d");
    assertEquals(0, yes.exitCode(), yes.describe());
    assertEquals(
        "Deleted 2 of 3 trees: they had no file newer than 3d 0h",
        yes.out().get(yes.out().size() - 1),
        yes.describe());
    assertEquals(List.of(), filesUnder("runs"));
    assertEquals(4, filesUnder("correlations/wf-7").size());
  }

  @Test
  void sweepUnderAnHourIsRefusedUnlessForced() throws Exception {
    threeTrees();
    List<String> before = filesUnder("");
    CheckpointProcess.Result young =
        CheckpointProcess.run("sweep", root.toString(), "--older-than", "30m", "--yes");
    assertEquals(2, young.exitCode(), young.describe());
    assertEquals(
        List.of(
            "checkpoint sweep: A sweep of trees older than 30m is refused: the least age is 1h,"
                + " because a write that is running may have files that young, and sweeping them"
                + " would delete its checkpoints under it. Give 1h or more; or, if no pipeline"
                + " writes under this root now, force it with --force"
                + " (see 'checkpoint sweep --help')"),
        young.err(),
        young.describe());
    assertEquals(List.of(), young.out(), young.describe());
    assertEquals(before, filesUnder(""));

    CheckpointProcess.Result forced =
        CheckpointProcess.run(
            "sweep", root.toString(), "--older-than", "30m", "--force", "--yes");
    assertEquals(0, forced.exitCode(), forced.describe());
    assertEquals(
        "Deleted 3 of 3 trees: they had no file newer than 30m",
        forced.out().get(forced.out().size() - 1),
        forced.describe());
    assertEquals(List.of(), filesUnder(""));
  }

  @Test
  void sweepKeepsATreeWithAWriteInProgressAndSaysWhy() throws Exception {
    threeTrees();
    Instant marked = now.minus(Duration.ofMinutes(2 * 60 + 30));
    file(root.resolve("runs/crashed/orders/.tmp-w9/_writing"), 0, marked);
    CheckpointProcess.Result sweep =
        CheckpointProcess.run("sweep", root.toString(), "--older-than", "140m", "--yes");
    assertEquals(0, sweep.exitCode(), sweep.describe());
    assertEquals(
        "Deleted 1 of 3 trees: it had no file newer than 2h 20m",
        sweep.out().get(sweep.out().size() - 1),
        sweep.describe());
    assertEquals(List.of(), filesUnder("runs/nightly%2F2026-11-23"));
    assertEquals(2, filesUnder("runs/crashed").size());
    assertTrue(
        sweep.err().stream()
            .anyMatch(
                line ->
                    line.endsWith(
                        "Sweep keeps "
                            + root
                            + "/runs/crashed/: a write is in progress there ("
                            + root
                            + "/runs/crashed/orders/.tmp-w9/_writing is 2h 30m old, under the"
                            + " grace period of 1d), though the tree's newest file is 2h 30m"
                            + " old")),
        sweep.describe());
  }

  @Test
  void aFileUriRootIsTheDirectoryItNames() throws Exception {
    threeTrees();
    Path misread = Path.of(System.getProperty("user.dir"), "file:");
    List<String> expected = withoutAges(CheckpointProcess.run("ls", root.toString()).out());
    assertEquals(5, expected.size(), expected.toString());
    for (String uri : new String[] {"file://" + root, "file:" + root, "file://localhost" + root}) {
      CheckpointProcess.Result ls = CheckpointProcess.run("ls", uri);
      assertEquals(0, ls.exitCode(), ls.describe());
      assertEquals(expected, withoutAges(ls.out()), ls.describe());
    }
    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", "file://" + root, "--run", "crashed", "--yes");
    assertEquals(0, rm.exitCode(), rm.describe());
    assertEquals(List.of("Deleted run 'crashed': 1 file, 4096 bytes"), rm.out());
    assertFalse(Files.exists(root.resolve("runs/crashed")));

    CheckpointProcess.Result missing =
        CheckpointProcess.run("ls", "file://" + root.resolve("no-such-root"));
    assertEquals(2, missing.exitCode(), missing.describe());
    assertEquals(
        List.of(
            "checkpoint ls: Unknown root 'file://"
                + root.resolve("no-such-root")
                + "': no such directory; give the --checkpointRoot your pipelines write to"
                + " (see 'checkpoint ls --help')"),
        missing.err());

    CheckpointProcess.Result remote = CheckpointProcess.run("ls", "file://fileserver" + root);
    assertEquals(2, remote.exitCode(), remote.describe());
    assertEquals(
        List.of(
            "checkpoint ls: Invalid checkpoint root 'file://fileserver"
                + root
                + "': a file: URI names a directory on this machine, but this one names host"
                + " 'fileserver'. Write file:///path (or the plain /path) for a local directory;"
                + " a directory of another machine needs a mount (see 'checkpoint ls --help')"),
        remote.err());
    assertFalse(Files.exists(misread), misread + " exists");
  }

  /** Table lines without their AGE cell: runs seconds apart may see an age cross a minute. */
  private static List<String> withoutAges(List<String> lines) {
    return lines.stream().map(l -> l.replaceFirst("\\s+\\d+[smhd]( \\d+[smhd])?$", "")).toList();
  }

  @Test
  void badInputExitsTwoWithOneLineSayingWhatToFix() throws Exception {
    String missing = root.resolve("no-such-root").toString();
    String[][] cases = {
      {"ls", missing},
      {"sweep", root.toString(), "--older-than", "72x"},
      {"sweep", root.toString()},
      {"rm", root.toString()},
      {"show", root.toString(), "--run", "a", "--correlation", "b", "orders"},
      {"rm", root.toString(), "--run", ".."},
      {"ls", "nosuchscheme://bucket/root"},
      {},
    };
    String[] expected = {
      "checkpoint ls: Unknown root '"
          + missing
          + "': no such directory; give the --checkpointRoot your pipelines write to"
          + " (see 'checkpoint ls --help')",
      "checkpoint sweep: Invalid value for option '--older-than': '72x' is not an age: write a"
          + " positive whole number and a unit s, m, h or d, e.g. 30m, 72h or 7d"
          + " (see 'checkpoint sweep --help')",
      "checkpoint sweep: Missing required option: '--older-than=AGE'"
          + " (see 'checkpoint sweep --help')",
      "checkpoint rm: Missing required argument (specify one of these): (--run=ID |"
          + " --correlation=ID) (see 'checkpoint rm --help')",
      "checkpoint show: --run=ID, --correlation=ID are mutually exclusive (specify only one)"
          + " (see 'checkpoint show --help')",
      "checkpoint rm: Invalid runId '..': '.' and '..' name directories, not checkpoints;"
          + " choose another (see 'checkpoint rm --help')",
      "checkpoint ls: Unknown root 'nosuchscheme://bucket/root': No filesystem found for scheme"
          + " nosuchscheme; give a local directory, gs://bucket/path or s3://bucket/path"
          + " (see 'checkpoint ls --help')",
      "checkpoint: Missing a command: use one of ls, show, rm, sweep (see 'checkpoint --help')",
    };
    for (int i = 0; i < cases.length; i++) {
      CheckpointProcess.Result result = CheckpointProcess.run(cases[i]);
      assertEquals(2, result.exitCode(), result.describe());
      assertEquals(List.of(expected[i]), result.err(), result.describe());
      assertEquals(List.of(), result.out(), result.describe());
    }
  }

  @Test
  void fileSystemOptionsComeFromTheEnvironment() throws Exception {
    CheckpointProcess.Result region =
        CheckpointProcess.runWithEnvironment(
            Map.of("CHECKPOINT_PIPELINE_OPTIONS", "--awsRegion=eu-west-1 --project=p"),
            null,
            "ls",
            root.toString());
    assertEquals(0, region.exitCode(), region.describe());
    assertEquals(List.of("No checkpoint trees under " + root), region.out());

    CheckpointProcess.Result unknown =
        CheckpointProcess.runWithEnvironment(
            Map.of("CHECKPOINT_PIPELINE_OPTIONS", "--notAnOption=1"), null, "ls", root.toString());
    assertEquals(2, unknown.exitCode(), unknown.describe());
    assertEquals(1, unknown.err().size(), unknown.describe());
    assertTrue(
        unknown.err().get(0).startsWith(
            "checkpoint ls: Invalid CHECKPOINT_PIPELINE_OPTIONS '--notAnOption=1': "),
        unknown.describe());
    assertTrue(unknown.err().get(0).contains("notAnOption"), unknown.describe());

    String secret = "s3cr3t-never-printed";
    CheckpointProcess.Result withCredentials =
        CheckpointProcess.runWithEnvironment(
            Map.of(
                "CHECKPOINT_PIPELINE_OPTIONS",
                "--notAnOption=1 --awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
                    + "\"accessKeyId\":\"id\",\"secretAccessKey\":\"" + secret + "\"}"),
            null,
            "ls",
            root.toString());
    assertEquals(2, withCredentials.exitCode(), withCredentials.describe());
    assertEquals(1, withCredentials.err().size(), withCredentials.describe());
    assertTrue(
        withCredentials.err().get(0).contains("--awsCredentialsProvider=(hidden)"),
        withCredentials.describe());
    assertFalse(withCredentials.describe().contains(secret), withCredentials.describe());
  }

  @Test
  void everyCommandHasHelp() throws Exception {
    for (String command : new String[] {"ls", "show", "rm", "sweep"}) {
      CheckpointProcess.Result help = CheckpointProcess.run(command, "--help");
      assertEquals(0, help.exitCode(), help.describe());
      assertTrue(
          help.out().get(0).startsWith("Usage: checkpoint " + command + " "), help.describe());
    }
  }

  @Test
  void theJarServesLocalGcsAndS3Roots() throws IOException {
    try (ZipFile jar = new ZipFile(System.getProperty("checkpoint.jar"))) {
      String registrars =
          new String(
              jar.getInputStream(
                      jar.getEntry("META-INF/services/org.apache.beam.sdk.io.FileSystemRegistrar"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertTrue(
          registrars.contains("org.apache.beam.sdk.io.LocalFileSystemRegistrar"), registrars);
      assertTrue(
          registrars.contains("org.apache.beam.sdk.extensions.gcp.storage.GcsFileSystemRegistrar"),
          registrars);
      assertTrue(
          registrars.contains("org.apache.beam.sdk.io.aws2.s3.DefaultS3FileSystemSchemeRegistrar")
              || registrars.contains("org.apache.beam.sdk.io.aws2.s3.S3FileSystemRegistrar"),
          registrars);
    }
  }
}
