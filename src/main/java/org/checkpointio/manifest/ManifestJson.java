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
import org.apache.beam.sdk.schemas.Schema.FieldType;
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
    root.put("version", manifest.version());
    ArrayNode supersedes = root.putArray("supersedes");
    manifest.supersedes().forEach(supersedes::add);
    root.set("schema", fieldsToJson(manifest.schema()));
    root.put("beamSchema", schemaToBase64(manifest.schema()));
    ArrayNode shards = root.putArray("shards");
    for (ShardFile shard : manifest.shards()) {
      ObjectNode node =
          shards
              .addObject()
              .put("file", shard.fileName())
              .put("rows", shard.rowCount())
              .put("bytes", shard.sizeBytes());
      if (shard.crc32c() != null) {
        node.put("crc32c", shard.crc32c());
      }
    }
    root.put("totalRows", manifest.totalRows());
    root.put("totalBytes", manifest.totalBytes());
    root.put("createdAt", manifest.createdAt().toString());
    root.put("libraryVersion", manifest.libraryVersion());
    root.put("beamVersion", manifest.beamVersion());
    if (manifest.producerVersion() != null) {
      root.put("producerVersion", manifest.producerVersion());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot render manifest of " + manifest.name(), e);
    }
  }

  /**
   * Parses and validates a manifest: a format version this library knows (1 or 2), shard files
   * that are plain file names of the checkpoint's own directory, and totals that agree with the
   * shards.
   *
   * @throws IOException if the text is not a valid manifest this version of the library reads
   */
  public static Manifest fromJson(String json) throws IOException {
    JsonNode root = MAPPER.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IOException("Manifest is not a JSON object");
    }
    JsonNode versionNode = required(root, "formatVersion");
    if (!versionNode.isIntegralNumber()) {
      throw new IOException("Manifest formatVersion '" + versionNode + "' is not a number");
    }
    int version = versionNode.asInt();
    if (version > Manifest.FORMAT_VERSION) {
      throw new IOException(
          String.format(
              "Manifest format version %d is newer than this library understands (%d); "
                  + "upgrade CheckpointIO to read it.",
              version, Manifest.FORMAT_VERSION));
    }
    if (version < 1) {
      throw new IOException("Manifest format version " + version + " does not exist");
    }
    List<ShardFile> shards = new ArrayList<>();
    for (JsonNode shard : required(root, "shards")) {
      JsonNode crc = shard.get("crc32c");
      shards.add(
          ShardFile.of(
              plainFileName(required(shard, "file").asText()),
              nonNegative(shard, "rows"),
              nonNegative(shard, "bytes"),
              crc == null || crc.isNull() ? null : crc32c(crc.asText())));
    }
    List<String> supersedes = new ArrayList<>();
    JsonNode superseded = root.get("supersedes");
    if (superseded != null) {
      superseded.forEach(writeId -> supersedes.add(writeId.asText()));
    }
    JsonNode mode = root.get("mode");
    JsonNode exclusiveVersion = root.get("version");
    JsonNode producer = root.get("producerVersion");
    Manifest manifest =
        Manifest.builder()
            .setAppend(mode != null && mode.asText().equals("APPEND"))
            .setSupersedes(supersedes)
            .setVersion(exclusiveVersion == null ? 0 : exclusiveVersion.asLong())
            .setFormatVersion(version)
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
            .setProducerVersion(producer == null || producer.isNull() ? null : producer.asText())
            .build();
    checkTotal(root, "totalRows", manifest.totalRows());
    checkTotal(root, "totalBytes", manifest.totalBytes());
    return manifest;
  }

  /** A shard's file name must name a file of the checkpoint's own directory, nothing else. */
  private static String plainFileName(String name) throws IOException {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.contains("/")
        || name.contains("\\")
        || name.contains(":")
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new IOException(
          "Manifest lists shard '" + name + "', which is not a plain file name of its directory");
    }
    return name;
  }

  private static long nonNegative(JsonNode shard, String field) throws IOException {
    JsonNode value = required(shard, field);
    if (!value.isIntegralNumber() || value.asLong() < 0) {
      throw new IOException("Manifest has shard " + field + " '" + value + "', not a count");
    }
    return value.asLong();
  }

  private static String crc32c(String text) throws IOException {
    if (!text.matches("[0-9a-f]{8}")) {
      throw new IOException("Manifest has crc32c '" + text + "', not 8 lower-case hex digits");
    }
    return text;
  }

  private static void checkTotal(JsonNode root, String field, long sum) throws IOException {
    JsonNode total = root.get(field);
    if (total != null && (!total.isIntegralNumber() || total.asLong() != sum)) {
      throw new IOException(
          String.format("Manifest has %s %s, but its shards add up to %d", field, total, sum));
    }
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
          .put("type", typeName(field.getType()))
          .put("nullable", field.getType().getNullable());
    }
    return fields;
  }

  /** A field type as people read it; nullability is the separate {@code nullable} flag. */
  private static String typeName(FieldType type) {
    String name = type.withNullable(false).toString();
    return name.endsWith(" NOT NULL") ? name.substring(0, name.length() - 9) : name;
  }

  private static String schemaToBase64(Schema schema) {
    SchemaApi.Schema proto = SchemaTranslation.schemaToProto(schema, true);
    return Base64.getEncoder().encodeToString(proto.toByteArray());
  }

  /**
   * A manifest's {@code beamSchema}, decoded as a read decodes it: Beam's portable schema, with
   * the logical types that only a Java serialization names restored from their URNs.
   */
  public static Schema schemaFromBase64(String base64) throws IOException {
    try {
      return PortableLogicalTypes.restore(
          SchemaTranslation.schemaFromProto(
              SchemaApi.Schema.parseFrom(Base64.getDecoder().decode(base64))));
    } catch (Exception e) { // the protobuf exception type is vendored, so not named here
      throw new IOException("Manifest's beamSchema cannot be decoded: " + e.getMessage(), e);
    }
  }
}
