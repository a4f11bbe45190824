package org.checkpointio.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.model.pipeline.v1.SchemaApi;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import java.util.Base64;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;

/**
 * The manifest's JSON form. The schema is kept twice: {@code schema} lists the fields for people
 * and tools; {@code beamSchema} is Beam's portable schema (the protobuf runners exchange), base64,
 * which restores every type exactly, logical types included. Only the generated model class is
 * touched, never Beam's vendored protobuf, so manifests read the same under any Beam version.
 */
public final class ManifestJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestJson() {}

  public static String toJson(Manifest manifest) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", Manifest.FORMAT_VERSION);
    root.put("name", manifest.name());
    root.put("scope", manifest.scope().name());
    root.put("id", manifest.id());
    root.put("writeId", manifest.writeId());
    root.put("fileFormat", manifest.fileFormat().name());
    root.put("mode", manifest.append() ? "APPEND" : "EXCLUSIVE");
    ArrayNode supersedes = root.putArray("supersedes");
    manifest.supersedes().forEach(supersedes::add);
    root.set("schema", fieldsToJson(manifest.schema()));
    root.put("beamSchema", schemaToBase64(manifest.schema()));
    ArrayNode shards = root.putArray("shards");
    for (ShardFile shard : manifest.shards()) {
      shards
          .addObject()
          .put("file", shard.fileName())
          .put("rows", shard.rowCount())
          .put("bytes", shard.sizeBytes());
    }
    root.put("totalRows", manifest.totalRows());
    root.put("totalBytes", manifest.totalBytes());
    root.put("createdAt", manifest.createdAt().toString());
    root.put("libraryVersion", manifest.libraryVersion());
    root.put("beamVersion", manifest.beamVersion());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot render manifest of " + manifest.name(), e);
    }
  }

  /**
   * Parses a manifest.
   *
   * @throws IOException if the text is not a manifest this version of the library understands
   */
  public static Manifest fromJson(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    int version = required(root, "formatVersion").asInt();
    if (version > Manifest.FORMAT_VERSION) {
      throw new IOException(
          String.format(
              "Manifest format version %d is newer than this library understands (%d); "
                  + "upgrade CheckpointIO to read it.",
              version, Manifest.FORMAT_VERSION));
    }
    List<ShardFile> shards = new ArrayList<>();
    for (JsonNode shard : required(root, "shards")) {
      shards.add(
          ShardFile.of(
              required(shard, "file").asText(),
              required(shard, "rows").asLong(),
              required(shard, "bytes").asLong()));
    }
    List<String> supersedes = new ArrayList<>();
    JsonNode superseded = root.get("supersedes");
    if (superseded != null) {
      superseded.forEach(writeId -> supersedes.add(writeId.asText()));
    }
    JsonNode mode = root.get("mode");
    return Manifest.builder()
        .setAppend(mode != null && mode.asText().equals("APPEND"))
        .setSupersedes(supersedes)
        .setName(required(root, "name").asText())
        .setScope(CheckpointScope.valueOf(required(root, "scope").asText()))
        .setId(required(root, "id").asText())
        .setWriteId(required(root, "writeId").asText())
        .setFileFormat(CheckpointFormat.valueOf(required(root, "fileFormat").asText()))
        .setSchema(schemaFromBase64(required(root, "beamSchema").asText()))
        .setShards(shards)
        .setCreatedAt(Instant.parse(required(root, "createdAt").asText()))
        .setLibraryVersion(required(root, "libraryVersion").asText())
        .setBeamVersion(required(root, "beamVersion").asText())
        .build();
  }

  private static JsonNode required(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IOException("Manifest has no '" + field + "'");
    }
    return value;
  }

  private static ArrayNode fieldsToJson(Schema schema) {
    ArrayNode fields = MAPPER.createArrayNode();
    for (Field field : schema.getFields()) {
      fields
          .addObject()
          .put("name", field.getName())
          .put("type", field.getType().withNullable(false).toString())
          .put("nullable", field.getType().getNullable());
    }
    return fields;
  }

  private static String schemaToBase64(Schema schema) {
    SchemaApi.Schema proto = SchemaTranslation.schemaToProto(schema, true);
    return Base64.getEncoder().encodeToString(proto.toByteArray());
  }

  private static Schema schemaFromBase64(String base64) throws IOException {
    try {
      return SchemaTranslation.schemaFromProto(
          SchemaApi.Schema.parseFrom(Base64.getDecoder().decode(base64)));
    } catch (Exception e) { // the protobuf exception type is vendored, so not named here
      throw new IOException("Manifest's beamSchema cannot be decoded: " + e.getMessage(), e);
    }
  }
}
