package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on {@code ls}, {@code rm} and {@code sweep} (for {@code show}, see {@link
 * CheckpointCommandIT}): stdout is exactly one JSON document, parsed here, whose fields hold the
 * values of the trees under a temporary root ({@link LocalTrees#threeTrees}); questions and
 * progress go to stderr.
 */
class JsonOutputCommandIT {
  private final Instant now = Instant.now();

  @TempDir Path root;

  @BeforeEach
  void threeTrees() throws IOException {
    new LocalTrees(root, now).threeTrees();
  }

  /** The tree with that id in a document's {@code trees}. */
  private static JsonNode tree(JsonNode document, String id) {
    for (JsonNode tree : document.get("trees")) {
      if (tree.get("id").asText().equals(id)) {
        return tree;
      }
    }
    throw new AssertionError("no tree '" + id + "' in " + document.toPrettyString());
  }

  private static List<String> ids(JsonNode document) {
    List<String> ids = new ArrayList<>();
    document.get("trees").forEach(tree -> ids.add(tree.get("id").asText()));
    return ids;
  }

  private static Instant time(JsonNode node) {
    return Instant.parse(node.asText());
  }

  private Instant ago(Duration age) {
    return now.minus(age).truncatedTo(ChronoUnit.MILLIS);
  }

  private long filesUnder(String relative) throws IOException {
    if (!Files.exists(root.resolve(relative))) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(root.resolve(relative))) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  private long bytesUnder(String relative) throws IOException {
    try (Stream<Path> walk = Files.walk(root.resolve(relative))) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @Test
  void lsJsonGivesEachTreeItsFilesAndItsCommittedCheckpoints() throws Exception {
    Path damaged = root.resolve("runs/damaged/refunds/_manifest-0000000001.json");
    Files.createDirectories(damaged.getParent());
    Files.writeString(damaged, "{not a manifest");
    long nightlyBytes = bytesUnder("runs/nightly%2F2026-11-23");

    CheckpointProcess.Result ls = CheckpointProcess.run("ls", root.toString(), "--json");

    assertEquals(0, ls.exitCode(), ls.describe());
    JsonNode json = ls.json();
    assertEquals(root.toString(), json.get("root").asText());
    assertEquals(List.of("crashed", "damaged", "nightly/2026-11-23", "wf-7"), ids(json));

    JsonNode crashed = tree(json, "crashed");
    assertEquals("RUN", crashed.get("scope").asText());
    assertEquals(root + "/runs/crashed/", crashed.get("directory").asText());
    assertEquals(1, crashed.get("files").asLong());
    assertEquals(4096, crashed.get("bytes").asLong());
    assertEquals(ago(Duration.ofMinutes(97 * 60 + 30)), time(crashed.get("newestFileModifiedAt")));
    assertEquals(0, crashed.get("checkpoints").size(), crashed.toPrettyString());
    assertEquals(0, crashed.get("unreadable").size(), crashed.toPrettyString());

    JsonNode nightly = tree(json, "nightly/2026-11-23");
    assertEquals(root + "/runs/nightly%2F2026-11-23/", nightly.get("directory").asText());
    assertEquals(4, nightly.get("files").asLong()); // 3 shards and a manifest
    assertEquals(nightlyBytes, nightly.get("bytes").asLong());
    assertEquals(1, nightly.get("checkpoints").size(), nightly.toPrettyString());
    JsonNode orders = nightly.get("checkpoints").get(0);
    assertEquals("orders", orders.get("name").asText());
    assertEquals("PARQUET", orders.get("fileFormat").asText());
    assertEquals(60, orders.get("totalRows").asLong());
    assertEquals(600, orders.get("totalBytes").asLong());
    assertEquals(now.minus(Duration.ofMinutes(74 * 60 + 30)), time(orders.get("lastCommittedAt")));

    JsonNode correlation = tree(json, "wf-7");
    assertEquals("CORRELATION", correlation.get("scope").asText());
    assertEquals(root + "/correlations/wf-7/", correlation.get("directory").asText());
    JsonNode customers = correlation.get("checkpoints").get(0);
    assertEquals("customers", customers.get("name").asText());
    assertEquals(12, customers.get("totalRows").asLong());
    assertEquals(120, customers.get("totalBytes").asLong());
    assertEquals(
        now.minus(Duration.ofSeconds(65 * 60 + 30)),
        time(customers.get("lastCommittedAt")),
        "the newer of the two appends");

    JsonNode unreadable = tree(json, "damaged").get("unreadable");
    assertEquals(1, unreadable.size(), unreadable.toPrettyString());
    assertEquals("refunds", unreadable.get(0).get("name").asText());
    assertFalse(unreadable.get(0).get("error").asText().isBlank(), unreadable.toPrettyString());
    assertEquals(0, tree(json, "damaged").get("checkpoints").size());
    // The damaged manifest's error goes to stderr, as without --json.
    assertTrue(ls.err().get(0).startsWith("checkpoint ls: refunds: Manifest "), ls.describe());
  }

  @Test
  void lsJsonOfAnEmptyRootHasNoTrees() throws Exception {
    Path empty = root.resolve("empty");
    Files.createDirectories(empty);
    CheckpointProcess.Result ls = CheckpointProcess.run("ls", empty.toString(), "--json");
    assertEquals(0, ls.exitCode(), ls.describe());
    JsonNode json = ls.json();
    assertEquals(empty.toString(), json.get("root").asText());
    assertEquals(0, json.get("trees").size(), ls.describe());
    assertEquals(List.of(), ls.err(), ls.describe());
  }

  @Test
  void rmJsonGivesTheFilesAndBytesDeletedAndNoFailures() throws Exception {
    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", root.toString(), "--run", "crashed", "--yes", "--json");
    assertEquals(0, rm.exitCode(), rm.describe());
    JsonNode json = rm.json();
    assertEquals(root.toString(), json.get("root").asText());
    assertEquals(List.of("crashed"), ids(json));
    JsonNode crashed = json.get("trees").get(0);
    assertEquals("RUN", crashed.get("scope").asText());
    assertEquals(root + "/runs/crashed/", crashed.get("directory").asText());
    assertEquals(1, crashed.get("files").asLong());
    assertEquals(4096, crashed.get("bytes").asLong());
    assertEquals(0, crashed.get("failures").asLong());
    assertEquals(ago(Duration.ofMinutes(97 * 60 + 30)), time(crashed.get("newestFileModifiedAt")));
    assertFalse(Files.exists(root.resolve("runs/crashed")));
  }

  @Test
  void rmJsonOfATreeThatIsNotThereHasNoTrees() throws Exception {
    CheckpointProcess.Result rm =
        CheckpointProcess.run("rm", root.toString(), "--run", "never-ran", "--yes", "--json");
    assertEquals(0, rm.exitCode(), rm.describe());
    assertEquals(0, rm.json().get("trees").size(), rm.describe());
  }

  @Test
  void rmJsonAsksOnStderrAndPrintsNothingWhenNotConfirmed() throws Exception {
    String question =
        "Delete run 'crashed': " + root + "/runs/crashed/ (1 file, 4096 bytes)? [y/N] ";
    CheckpointProcess.Result no =
        CheckpointProcess.runWithInput("n\n", "rm", root.toString(), "--run", "crashed", "--json");
    assertEquals(1, no.exitCode(), no.describe());
    assertEquals(List.of(), no.out(), no.describe());
    assertEquals(
        List.of(question + "checkpoint rm: not deleted; answer y, or pass --yes"), no.err());
    assertTrue(Files.exists(root.resolve("runs/crashed")));

    CheckpointProcess.Result yes =
        CheckpointProcess.runWithInput("y\n", "rm", root.toString(), "--run", "crashed", "--json");
    assertEquals(0, yes.exitCode(), yes.describe());
    assertEquals(List.of(question), yes.err());
    assertEquals(4096, yes.json().get("trees").get(0).get("bytes").asLong());
    assertFalse(Files.exists(root.resolve("runs/crashed")));
  }

  @Test
  void sweepJsonDryRunGivesTheTreesItWouldDeleteAndDeletesNothing() throws Exception {
    long nightlyFiles = filesUnder("runs/nightly%2F2026-11-23");
    long nightlyBytes = bytesUnder("runs/nightly%2F2026-11-23");
    CheckpointProcess.Result dryRun =
        CheckpointProcess.run(
            "sweep", root.toString(), "--older-than", "72h", "--dry-run", "--json");
    assertEquals(0, dryRun.exitCode(), dryRun.describe());
    JsonNode json = dryRun.json();
    assertEquals(root.toString(), json.get("root").asText());
    assertEquals(72 * 3600, json.get("olderThanSeconds").asLong());
    assertTrue(json.get("dryRun").asBoolean(), dryRun.describe());
    assertEquals(3, json.get("treesListed").asInt());
    assertEquals(List.of("crashed", "nightly/2026-11-23"), ids(json));
    JsonNode nightly = tree(json, "nightly/2026-11-23");
    assertEquals("RUN", nightly.get("scope").asText());
    assertEquals(root + "/runs/nightly%2F2026-11-23/", nightly.get("directory").asText());
    assertEquals(nightlyFiles, nightly.get("files").asLong());
    assertEquals(nightlyBytes, nightly.get("bytes").asLong());
    assertEquals(ago(Duration.ofMinutes(74 * 60 + 30)), time(nightly.get("newestFileModifiedAt")));
    assertFalse(nightly.has("failures"), "a dry run deletes nothing, so nothing failed");
    assertEquals(4, filesUnder("runs/nightly%2F2026-11-23"), "a dry run deletes nothing");
    assertEquals(1, filesUnder("runs/crashed"));
  }

  @Test
  void sweepJsonGivesTheTreesItDeletedAndAsksOnStderr() throws Exception {
    CheckpointProcess.Result sweep =
        CheckpointProcess.runWithInput(
            "y\n", "sweep", root.toString(), "--older-than", "3d", "--json");
    assertEquals(0, sweep.exitCode(), sweep.describe());
    JsonNode json = sweep.json();
    assertFalse(json.get("dryRun").asBoolean(), sweep.describe());
    assertEquals(3 * 86_400, json.get("olderThanSeconds").asLong());
    assertEquals(3, json.get("treesListed").asInt());
    assertEquals(List.of("crashed", "nightly/2026-11-23"), ids(json));
    assertEquals(4096, tree(json, "crashed").get("bytes").asLong());
    assertEquals(0, tree(json, "crashed").get("failures").asLong(), sweep.describe());
    assertEquals(0, tree(json, "nightly/2026-11-23").get("failures").asLong());
    assertEquals(3, sweep.err().size(), sweep.describe());
    assertTrue(sweep.err().get(0).startsWith("Would delete run 'crashed': "), sweep.describe());
    assertTrue(sweep.err().get(2).startsWith("Delete these 2 trees? [y/N]"), sweep.describe());
    assertEquals(0, filesUnder("runs"), "both runs are gone");
    assertEquals(4, filesUnder("correlations/wf-7"));
  }
}
