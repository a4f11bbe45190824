package org.checkpointio.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Beam YAML provider file, checkpointio-providers.yaml, says what the providers are: each of
 * its transform names maps to the identifier of a provider the expansion service finds, and each
 * renaming lists exactly that provider's configuration fields.
 */
class ProvidersYamlTest {
  private static final Path FILE =
      Path.of(System.getProperty("expansion.service.dir", "."), "checkpointio-providers.yaml");

  private static final Map<String, String> URNS =
      Map.of(
          "WriteToCheckpoint", "beam:schematransform:org.checkpointio:checkpoint_write:v1",
          "ReadFromCheckpoint", "beam:schematransform:org.checkpointio:checkpoint_read:v1",
          "CheckpointCleanup", "beam:schematransform:org.checkpointio:checkpoint_cleanup:v1");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> renaming() throws Exception {
    List<Map<String, Object>> providers;
    try (Reader reader = Files.newBufferedReader(FILE)) {
      providers = new Yaml().load(reader);
    }
    assertEquals(1, providers.size(), "one provider entry");
    Map<String, Object> provider = providers.get(0);
    assertEquals("renaming", provider.get("type"));
    return provider;
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachTransformNameMapsToTheIdentifierOfADiscoveredProvider() throws Exception {
    Map<String, Object> renaming = renaming();
    Map<String, String> names = (Map<String, String>) renaming.get("transforms");
    assertEquals(new TreeSet<>(URNS.keySet()), new TreeSet<>(names.keySet()));
    names.forEach((name, target) -> assertEquals(name, target, "renamed to itself"));

    Map<String, Object> config = (Map<String, Object>) renaming.get("config");
    Map<String, Object> underlying = (Map<String, Object>) config.get("underlying_provider");
    assertEquals("javaJar", underlying.get("type"));
    assertEquals(
        "expansion-service/target/checkpointio-expansion-service.jar",
        ((Map<String, Object>) underlying.get("config")).get("jar"));
    assertEquals(URNS, underlying.get("transforms"));

    Map<String, SchemaTransformProvider> providers = providersByIdentifier();
    for (String urn : URNS.values()) {
      assertEquals(true, providers.containsKey(urn), urn + " is served");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachMappingListsExactlyTheProvidersConfigurationFields() throws Exception {
    Map<String, Object> config = (Map<String, Object>) renaming().get("config");
    Map<String, Map<String, String>> mappings =
        (Map<String, Map<String, String>>) config.get("mappings");
    Map<String, SchemaTransformProvider> providers = providersByIdentifier();
    for (Map.Entry<String, String> transform : URNS.entrySet()) {
      Map<String, String> mapping = mappings.get(transform.getKey());
      List<String> fields =
          providers.get(transform.getValue()).configurationSchema().getFieldNames();
      assertEquals(
          new TreeSet<>(fields), new TreeSet<>(mapping.values()), transform.getKey() + " fields");
      mapping.forEach(
          (yamlName, field) -> assertEquals(field, yamlName, transform.getKey() + ": same names"));
    }
  }

  private static Map<String, SchemaTransformProvider> providersByIdentifier() {
    Map<String, SchemaTransformProvider> providers = new TreeMap<>();
    ServiceLoader.load(SchemaTransformProvider.class)
        .forEach(provider -> providers.put(provider.identifier(), provider));
    return providers;
  }
}
