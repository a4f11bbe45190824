package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ManifestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A manifest is validated, not trusted: a damaged one fails the read with {@link
 * CheckpointCorruptedException} naming it, never reads as other rows; an exclusive re-write
 * replaces it; listing a tree reports it and goes on.
 */
class ManifestDamageTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private CheckpointPaths paths(String name) {
    return context().paths(CheckpointScope.RUN, name);
  }

  /** Writes a valid manifest by hand, then rewrites its JSON text with {@code damage}. */
  private Path damaged(String name, UnaryOperator<String> damage) throws Exception {
    CheckpointPaths paths = paths(name);
    Manifest manifest = TestManifests.exclusive(paths, "w1", 1);
    ManifestFiles.createIfAbsent(manifest, paths.exclusiveManifest(1));
    Path file = Path.of(paths.exclusiveManifest(1).toString());
    Files.writeString(file, damage.apply(ManifestJson.toJson(manifest)));
    return file;
  }

  static Stream<Arguments> damages() {
    return Stream.of(
        Arguments.of(
            "a shard name leaving the directory",
            (UnaryOperator<String>) json -> json.replaceFirst("\"file\" : \"[^\"]*\"", "\"file\" : \"../x/part-a.parquet\""),
            "shard '../x/part-a.parquet', which is not a plain file name of its directory"),
        Arguments.of(
            "an absolute shard path",
            (UnaryOperator<String>) json -> json.replaceFirst("\"file\" : \"[^\"]*\"", "\"file\" : \"/etc/passwd\""),
            "shard '/etc/passwd', which is not a plain file name of its directory"),
        Arguments.of(
            "format version 0",
            (UnaryOperator<String>) json -> json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 0"),
            "Manifest format version 0 does not exist"),
        Arguments.of(
            "a format version that is no number",
            (UnaryOperator<String>) json -> json.replace("\"formatVersion\" : 2", "\"formatVersion\" : \"abc\""),
            "formatVersion '\"abc\"' is not a number"),
        Arguments.of(
            "a newer format version",
            (UnaryOperator<String>) json -> json.replace("\"formatVersion\" : 2", "\"formatVersion\" : 99"),
            "newer than this library understands"),
        Arguments.of(
            "no shards but a row total",
            (UnaryOperator<String>) json -> json.replaceFirst("(?s)\"shards\" : \\[.*?\\]", "\"shards\" : [ ]"),
            "Manifest has totalRows 3, but its shards add up to 0"),
        Arguments.of(
            "a negative row count",
            (UnaryOperator<String>) json -> json.replace("\"rows\" : 3", "\"rows\" : -3"),
            "shard rows '-3', not a count"),
        Arguments.of(
            "another checkpoint's manifest",
            (UnaryOperator<String>) json -> json.replace("\"name\" : \"orders\"", "\"name\" : \"customers\""),
            "it belongs to checkpoint 'customers' (RUN run-1), not to 'orders' (RUN run-1)"),
        Arguments.of(
            "text that is no JSON",
            (UnaryOperator<String>) json -> json.substring(0, json.length() / 2),
            "is unreadable"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void aDamagedManifestFailsTheReadNamingItAndWhy(
      String what, UnaryOperator<String> damage, String reason) throws Exception {
    Path file = damaged("orders", damage);
    Pipeline pipeline = TestPipelines.create();
    CheckpointCorruptedException e =
        assertThrows(
            CheckpointCorruptedException.class,
            () -> pipeline.apply(CheckpointIO.read("orders").from(context())));
    assertEquals(file.toString(), e.getFile());
    assertTrue(e.getMessage().startsWith("Manifest " + file + " is unreadable"), e.getMessage());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @Test
  void anExclusiveRewriteReplacesAnUnreadableManifest() throws Exception {
    damaged("orders", json -> "{ not json");
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(0, 25)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(context()));
    TestPipelines.run(write);

    Manifest live = CommittedManifests.exclusive(paths("orders")).orElseThrow();
    assertEquals(2, live.version());
    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(0, 25));
    TestPipelines.run(read);
  }

  @Test
  void listingATreeReportsAnUnreadableCheckpointAndListsTheOthers() throws Exception {
    Path file = damaged("orders", json -> "{ not json");
    CheckpointPaths customers = paths("customers");
    ManifestFiles.createIfAbsent(
        TestManifests.exclusive(customers, "c1", 1), customers.exclusiveManifest(1));

    Map<String, String> unreadable = new TreeMap<>();
    SortedMap<String, List<Manifest>> listed =
        CommittedManifests.inTree(context().tree(CheckpointScope.RUN), unreadable);
    assertEquals(List.of("customers"), List.copyOf(listed.keySet()));
    assertEquals(List.of("orders"), List.copyOf(unreadable.keySet()));
    assertTrue(unreadable.get("orders").contains(file.toString()), unreadable.toString());
  }
}
