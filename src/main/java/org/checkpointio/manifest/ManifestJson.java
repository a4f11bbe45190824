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
import org.apache.beam.vendor.grpc.v1p60p1.com.google.protobuf.util.JsonFormat;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;

/**
 * The manifest's JSON form. The schema is Beam's portable schema (the same protobuf that runners
 * exchange) in its JSON rendering, so any Beam SDK or a person can read it back exactly.
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
    root.set("schema", schemaToJson(manifest.schema()));
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
    return Manifest.builder()
        .setName(required(root, "name").asText())
        .setScope(CheckpointScope.valueOf(required(root, "scope").asText()))
        .setId(required(root, "id").asText())
        .setWriteId(required(root, "writeId").asText())
        .setFileFormat(CheckpointFormat.valueOf(required(root, "fileFormat").asText()))
        .setSchema(schemaFromJson(required(root, "schema")))
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

  private static JsonNode schemaToJson(Schema schema) {
    try {
      SchemaApi.Schema proto = SchemaTranslation.schemaToProto(schema, true);
      return MAPPER.readTree(JsonFormat.printer().print(proto));
    } catch (IOException e) {
      throw new IllegalStateException("Cannot render schema " + schema, e);
    }
  }

  private static Schema schemaFromJson(JsonNode json) throws IOException {
    SchemaApi.Schema.Builder proto = SchemaApi.Schema.newBuilder();
    JsonFormat.parser().merge(MAPPER.writeValueAsString(json), proto);
    return SchemaTranslation.schemaFromProto(proto.build());
  }
}
