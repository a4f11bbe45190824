package org.checkpointio.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider;
import org.junit.jupiter.api.Test;

/**
 * The providers as an expansion service finds them: through {@link ServiceLoader}, by identifier,
 * with snake_case configuration fields, required ones not nullable, and Beam's collection names.
 */
class ProviderDiscoveryTest {
  private static Map<String, SchemaTransformProvider> ours() {
    Map<String, SchemaTransformProvider> found = new TreeMap<>();
    for (SchemaTransformProvider provider : ServiceLoader.load(SchemaTransformProvider.class)) {
      if (provider.identifier().startsWith("beam:schematransform:org.checkpointio:")) {
        found.put(provider.identifier(), provider);
      }
    }
    return found;
  }

  @Test
  void serviceLoaderFindsTheThreeProvidersByIdentifier() {
    Map<String, SchemaTransformProvider> found = ours();
    assertEquals(
        List.of(
            "beam:schematransform:org.checkpointio:checkpoint_cleanup:v1",
            "beam:schematransform:org.checkpointio:checkpoint_read:v1",
            "beam:schematransform:org.checkpointio:checkpoint_write:v1"),
        List.copyOf(found.keySet()));
    assertEquals(
        CheckpointWriteSchemaTransformProvider.class,
        found.get(CheckpointWriteSchemaTransformProvider.IDENTIFIER).getClass());
    assertEquals(
        CheckpointReadSchemaTransformProvider.class,
        found.get(CheckpointReadSchemaTransformProvider.IDENTIFIER).getClass());
    assertEquals(
        CheckpointCleanupSchemaTransformProvider.class,
        found.get(CheckpointCleanupSchemaTransformProvider.IDENTIFIER).getClass());
  }

  @Test
  void configurationsAreSnakeCaseWithTheRequiredFieldsNotNullable() {
    Map<String, SchemaTransformProvider> found = ours();
    assertConfiguration(
        found.get(CheckpointWriteSchemaTransformProvider.IDENTIFIER),
        List.of("name", "root", "run_id"),
        List.of(
            "append",
            "batch_rows",
            "compression",
            "correlation_id",
            "format",
            "lenient_schema",
            "num_shards",
            "row_group_bytes",
            "scope"));
    assertConfiguration(
        found.get(CheckpointReadSchemaTransformProvider.IDENTIFIER),
        List.of("name", "root", "run_id"),
        List.of("columns", "correlation_id"));
    assertConfiguration(
        found.get(CheckpointCleanupSchemaTransformProvider.IDENTIFIER),
        List.of("root"),
        List.of("correlation_id", "fail_on_error", "run_id", "scopes"));
  }

  @Test
  void collectionsAreNamedInputAndOutput() {
    Map<String, SchemaTransformProvider> found = ours();
    SchemaTransformProvider write = found.get(CheckpointWriteSchemaTransformProvider.IDENTIFIER);
    SchemaTransformProvider read = found.get(CheckpointReadSchemaTransformProvider.IDENTIFIER);
    SchemaTransformProvider cleanup =
        found.get(CheckpointCleanupSchemaTransformProvider.IDENTIFIER);
    assertEquals(List.of("input"), write.inputCollectionNames());
    assertEquals(List.of("output"), write.outputCollectionNames());
    assertEquals(List.of(), read.inputCollectionNames());
    assertEquals(List.of("output"), read.outputCollectionNames());
    assertEquals(List.of("input"), cleanup.inputCollectionNames());
    assertEquals(List.of("output"), cleanup.outputCollectionNames());
    for (SchemaTransformProvider provider : found.values()) {
      assertTrue(provider.description().length() > 80, provider.identifier());
    }
  }

  private static void assertConfiguration(
      SchemaTransformProvider provider, List<String> required, List<String> optional) {
    Schema schema = provider.configurationSchema();
    List<String> all = new java.util.ArrayList<>(required);
    all.addAll(optional);
    all.sort(null);
    assertEquals(all, schema.getFieldNames(), provider.identifier() + ": fields, sorted");
    for (Schema.Field field : schema.getFields()) {
      assertEquals(
          !required.contains(field.getName()),
          field.getType().getNullable(),
          provider.identifier() + ": " + field.getName() + " nullable");
      assertTrue(
          !field.getDescription().isEmpty(),
          provider.identifier() + ": " + field.getName() + " has a description");
    }
  }
}
