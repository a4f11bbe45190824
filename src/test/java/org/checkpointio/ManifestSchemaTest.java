package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published JSON Schema, docs/manifest.schema.json, accepts every manifest the library
 * writes (exclusive and append, PARQUET and ARROW, nullable and required fields) and refuses the
 * manifests a reader must refuse.
 */
class ManifestSchemaTest {
  private static final Path SCHEMA = Path.of("docs", "manifest.schema.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path root;
  private static JsonSchema schema;
  private static final List<Path> manifests = new ArrayList<>();

  @BeforeAll
  static void writeCheckpoints() throws IOException {
    try (InputStream in = Files.newInputStream(SCHEMA)) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
    CheckpointContext context = CheckpointContext.of(root.toString(), "schema");
    Pipeline exclusive = TestPipelines.create();
    Pipeline append = TestPipelines.create();
    for (CheckpointFormat format : CheckpointFormat.values()) {
      String name = "orders-" + format;
      CheckpointIO.Write write = CheckpointIO.write(name).to(context).withFormat(format);
      exclusive
          .apply("Orders " + format, Create.of(TestRows.orders(0, 10)).withRowSchema(TestRows.ORDER))
          .apply("Write " + format, write.withNumShards(2));
      append
          .apply("More " + format, Create.of(TestRows.orders(10, 15)).withRowSchema(TestRows.ORDER))
          .apply("Append " + format, write.withAppend());
    }
    TestPipelines.run(exclusive);
    TestPipelines.run(append);
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(manifests::add);
    }
  }

  private static Set<ValidationMessage> errors(JsonNode manifest) {
    return schema.validate(manifest);
  }

  private static ObjectNode written(Path manifest) throws IOException {
    return (ObjectNode) JSON.readTree(manifest.toFile());
  }

  @Test
  void everyManifestTheLibraryWritesIsValidInTheCurrentFormatVersion() throws IOException {
    assertEquals(4, manifests.size(), "an exclusive and an append manifest per format: " + manifests);
    for (Path manifest : manifests) {
      JsonNode json = written(manifest);
      assertEquals(Manifest.FORMAT_VERSION, json.get("formatVersion").asInt(), manifest.toString());
      assertEquals(Set.of(), errors(json), manifest.toString());
    }
  }

  /** The schema is not a rubber stamp: each change below makes a manifest invalid. */
  @Test
  void theSchemaRefusesWhatAReaderMustRefuse() throws IOException {
    List<Consumer<ObjectNode>> breakages =
        List.of(
            m -> m.put("formatVersion", 3),
            m -> m.remove("shards"),
            m -> m.put("scope", "JOB"),
            m -> m.put("fileFormat", "CSV"),
            m -> shard(m).put("file", "../other/part-x-00000-of-00001.parquet"),
            m -> shard(m).put("file", ".."),
            m -> shard(m).put("file", "dir\\part.parquet"),
            m -> shard(m).put("file", "c:part.parquet"),
            m -> shard(m).put("file", "part\n.parquet"),
            m -> shard(m).put("rows", -1),
            m -> shard(m).put("bytes", "12"),
            m -> ((ObjectNode) m.get("schema").get(0)).remove("nullable"));
    for (Path manifest : manifests) {
      for (int i = 0; i < breakages.size(); i++) {
        ObjectNode broken = written(manifest);
        breakages.get(i).accept(broken);
        assertFalse(errors(broken).isEmpty(), "change " + i + " of " + manifest + ": " + broken);
      }
    }
  }

  @Test
  void formatVersion2NeedsTheVersionOfItsModeAndAChecksumOfEightLowerCaseHexDigitsPerShard() throws IOException {
    for (Path manifest : manifests) {
      ObjectNode v2 = asFormatVersion2(written(manifest));
      assertEquals(Set.of(), errors(v2), v2.toString());
      boolean append = v2.get("mode").asText().equals("APPEND");

      ObjectNode wrongVersion = v2.deepCopy().put("version", append ? 1 : 0);
      assertFalse(errors(wrongVersion).isEmpty(), wrongVersion.toString());
      ObjectNode noChecksum = v2.deepCopy();
      shard(noChecksum).remove("crc32c");
      assertFalse(errors(noChecksum).isEmpty(), noChecksum.toString());
      ObjectNode upperCase = v2.deepCopy();
      shard(upperCase).put("crc32c", "0A1B2C3D");
      assertFalse(errors(upperCase).isEmpty(), upperCase.toString());
      ObjectNode noVersion = v2.deepCopy();
      noVersion.remove("version");
      assertFalse(errors(noVersion).isEmpty(), noVersion.toString());
    }
  }

  /** {@code manifest} as format version 2 would have it (unchanged if it already is). */
  private static ObjectNode asFormatVersion2(ObjectNode manifest) {
    if (manifest.get("formatVersion").asInt() == 2) {
      return manifest;
    }
    boolean append = manifest.get("mode").asText().equals("APPEND");
    manifest.put("formatVersion", 2).put("version", append ? 0 : 1);
    manifest.get("shards").forEach(s -> ((ObjectNode) s).put("crc32c", "0a1b2c3d"));
    return manifest;
  }

  private static ObjectNode shard(ObjectNode manifest) {
    assertTrue(manifest.get("shards").size() > 0, "a manifest with shards");
    return (ObjectNode) manifest.get("shards").get(0);
  }
}
