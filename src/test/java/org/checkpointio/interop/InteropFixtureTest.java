package org.checkpointio.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestJson;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.Test;

/**
 * The Java half of the fixture both suites share (the Python suite checks the same file): path
 * segments encode and decode as listed, every type case decodes to the Beam type it names, and
 * its values make valid rows. A manifest whose schema names SqlTypes DATE, TIME and DATETIME by
 * URN alone, as the Python package writes it, reads back as those types.
 */
class InteropFixtureTest {
  @Test
  void awkwardIdsEncodeToTheListedSegmentsAndBack() throws Exception {
    InteropFixture fixture = InteropFixture.load();
    for (JsonNode c : fixture.segments()) {
      String label = c.get("label").asText();
      String value = c.get("value").asText();
      assertEquals(c.get("segment").asText(), PathSegment.encode(label, value), value);
      assertEquals(Optional.of(value), PathSegment.decode(label, c.get("segment").asText()));
    }
    for (JsonNode c : fixture.rejected()) {
      assertThrows(
          IllegalArgumentException.class,
          () -> PathSegment.encode(c.get("label").asText(), c.get("value").asText()),
          c.get("value").asText());
    }
    for (JsonNode segment : fixture.undecodable()) {
      assertEquals(Optional.empty(), PathSegment.decode("runId", segment.asText()));
    }
  }

  @Test
  void everyTypeCaseDecodesToTheTypeItNamesAndItsValuesMakeRows() throws Exception {
    InteropFixture fixture = InteropFixture.load();
    List<JsonNode> types = fixture.types();
    assertTrue(types.size() > 40, "the fixture covers every type of the mapping");
    for (JsonNode type : types) {
      FieldType decoded = InteropFixture.field(type).getType();
      assertEquals(type.get("field").asText(), InteropFixture.field(type).getName());
      assertEquals(type.get("nullable").asBoolean(), decoded.getNullable(), type.toString());
      String name = decoded.withNullable(false).toString();
      assertEquals(type.get("beamType").asText(), name.substring(0, name.length() - 9));
      for (JsonNode value : type.get("values")) {
        Object java = InteropFixture.value(decoded, value);
        Row.withSchema(Schema.builder().addField("f", decoded).build()).addValue(java).build();
      }
    }
    List<Row> rows = fixture.rows();
    assertEquals(4, rows.size());
    assertFalse(rows.get(0).equals(rows.get(1)));
  }

  @Test
  void sqlTimeTypesNamedByUrnAloneReadBackAsThemselves() throws Exception {
    Schema schema =
        Schema.builder()
            .addLogicalTypeField("day", SqlTypes.DATE)
            .addNullableField("at", FieldType.logicalType(SqlTypes.TIME))
            .addArrayField("wall", FieldType.logicalType(SqlTypes.DATETIME))
            .addNullableField(
                "nested",
                FieldType.row(Schema.builder().addLogicalTypeField("d", SqlTypes.DATE).build()))
            .build();
    // Without the Java serialization of each logical type, as a writer outside Java makes it.
    String urnsOnly =
        Base64.getEncoder()
            .encodeToString(SchemaTranslation.schemaToProto(schema, false).toByteArray());
    Manifest manifest =
        Manifest.builder()
            .setName("n")
            .setScope(CheckpointScope.RUN)
            .setId("r")
            .setWriteId("w")
            .setFileFormat(CheckpointFormat.ARROW)
            .setSchema(schema)
            .setShards(List.of(ShardFile.of("part-w-00000-of-00001.arrow", 0, 0, "00000000")))
            .setCreatedAt(Instant.parse("2026-11-23T08:15:30Z"))
            .setLibraryVersion("x")
            .setBeamVersion("y")
            .build();
    String json = ManifestJson.toJson(manifest);
    String written = json.replaceAll("\"beamSchema\" : \"[^\"]*\"", "\"beamSchema\" : \"" + urnsOnly + "\"");
    Schema read = ManifestJson.fromJson(written).schema();
    assertEquals(schema, read);
    assertEquals(
        SqlTypes.DATE.getClass(), read.getField("day").getType().getLogicalType().getClass());
    assertEquals(
        SqlTypes.DATETIME.getClass(),
        read.getField("wall").getType().getCollectionElementType().getLogicalType().getClass());
  }
}
