package org.checkpointio.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedBytes;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.Time;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.manifest.ManifestJson;

/**
 * The fixture both suites share, {@code src/test/resources/interop/types.json}: every type of the
 * mapping in docs/formats.md as Java's SchemaTranslation encodes it, with values, and the path
 * encoding of awkward ids. The Python suite ({@code python/tests}) reads the same file.
 */
public final class InteropFixture {
  public static final Path FILE = Path.of("src", "test", "resources", "interop", "types.json");


  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private InteropFixture(JsonNode root) {
    this.root = root;
  }

  public static InteropFixture load() throws IOException {
    return new InteropFixture(JSON.readTree(Files.readString(FILE)));
  }

  public JsonNode segments() {
    return root.get("segments");
  }

  public JsonNode rejected() {
    return root.get("rejected");
  }

  public JsonNode undecodable() {
    return root.get("undecodable");
  }

  /** Each type case: field, beamSchema, beamType, nullable, values. */
  public List<JsonNode> types() {
    List<JsonNode> types = new ArrayList<>();
    root.get("types").forEach(types::add);
    return types;
  }


  /** The field a type case's {@code beamSchema} holds, decoded as ManifestJson decodes it. */
  public static Field field(JsonNode type) throws IOException {
    return ManifestJson.schemaFromBase64(type.get("beamSchema").asText()).getField(0);
  }

  /** One schema of every field of the interop cases, in the fixture's order. */
  public Schema schema() throws IOException {
    Schema.Builder builder = Schema.builder();
    for (JsonNode type : types()) {
      builder.addField(field(type));
    }
    return builder.build();
  }

  /** The fixture's rows: row i takes values[i % len] of each field. */
  public List<Row> rows() throws IOException {
    Schema schema = schema();
    int count = root.get("rows").asInt();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Object> values = new ArrayList<>();
      for (JsonNode type : types()) {
        JsonNode all = type.get("values");
        values.add(value(field(type).getType(), all.get(i % all.size())));
      }
      rows.add(Row.withSchema(schema).addValues(values).build());
    }
    return rows;
  }

  /** A fixture value as the Java value of a Beam type (see the notation in the fixture). */
  public static Object value(FieldType type, JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    switch (type.getTypeName()) {
      case BYTE:
        return (byte) json.asInt();
      case INT16:
        return (short) json.asInt();
      case INT32:
        return json.asInt();
      case INT64:
        return json.asLong();
      case FLOAT:
        return json.isTextual() ? Float.parseFloat(json.asText()) : (float) json.asDouble();
      case DOUBLE:
        return json.isTextual() ? Double.parseDouble(json.asText()) : json.asDouble();
      case BOOLEAN:
        return json.asBoolean();
      case STRING:
        return json.asText();
      case BYTES:
        return Base64.getDecoder().decode(json.asText());
      case DECIMAL:
        return new BigDecimal(json.asText());
      case DATETIME:
        return org.joda.time.Instant.parse(json.asText());
      case ARRAY:
      case ITERABLE:
        List<Object> list = new ArrayList<>();
        json.forEach(e -> list.add(value(type.getCollectionElementType(), e)));
        return list;
      case MAP:
        Map<Object, Object> map = new LinkedHashMap<>();
        json.forEach(
            pair ->
                map.put(
                    value(type.getMapKeyType(), pair.get(0)),
                    value(type.getMapValueType(), pair.get(1))));
        return map;
      case ROW:
        Schema schema = type.getRowSchema();
        List<Object> values = new ArrayList<>();
        for (Field field : schema.getFields()) {
          values.add(value(field.getType(), json.get(field.getName())));
        }
        return Row.withSchema(schema).addValues(values).build();
      case LOGICAL_TYPE:
        return logical(type, json);
      default:
        throw new IllegalArgumentException("No fixture notation for " + type);
    }
  }

  private static Object logical(FieldType type, JsonNode json) {
    String identifier = type.getLogicalType().getIdentifier();
    String text = json.asText();
    if (identifier.equals(Date.IDENTIFIER)) {
      return LocalDate.parse(text);
    }
    if (identifier.equals(Time.IDENTIFIER)) {
      return LocalTime.parse(text);
    }
    if (identifier.equals(DateTime.IDENTIFIER)) {
      return LocalDateTime.parse(text);
    }
    if (identifier.equals(MicrosInstant.IDENTIFIER)) {
      return java.time.Instant.parse(text);
    }
    if (identifier.equals(FixedBytes.IDENTIFIER)) {
      return Base64.getDecoder().decode(text);
    }
    if (identifier.equals(EnumerationType.IDENTIFIER)) {
      return ((EnumerationType) type.getLogicalType()).valueOf(text);
    }
    if (identifier.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      return new BigDecimal(text);
    }
    throw new IllegalArgumentException("No fixture notation for " + type);
  }
}
