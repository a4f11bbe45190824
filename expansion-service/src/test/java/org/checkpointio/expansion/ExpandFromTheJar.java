package org.checkpointio.expansion;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.model.expansion.v1.ExpansionApi;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.sdk.expansion.service.ExpansionService;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import org.apache.beam.sdk.values.Row;

/**
 * Run by {@link ServedByTheJarIT} in a JVM whose classpath is the runnable jar (and this class):
 * asks Beam's expansion service, in that JVM and without a server, for its CheckpointIO
 * transforms and expands a cleanup, printing one line per fact for the test to compare.
 */
public final class ExpandFromTheJar {
  private ExpandFromTheJar() {}

  public static void main(String[] args) throws Exception {
    try (ExpansionService service = new ExpansionService()) {
      Map<String, ExpansionApi.SchemaTransformConfig> served =
          new TreeMap<>(ExpansionRequests.discover(service).getSchemaTransformConfigsMap());
      Schema cleanupConfig = null;
      for (Map.Entry<String, ExpansionApi.SchemaTransformConfig> entry : served.entrySet()) {
        if (entry.getKey().startsWith("beam:schematransform:org.checkpointio:")) {
          Schema config = SchemaTranslation.schemaFromProto(entry.getValue().getConfigSchema());
          System.out.println("served " + entry.getKey() + " " + config.getFieldNames());
          if (entry.getKey().contains(":checkpoint_cleanup:")) {
            cleanupConfig = config;
          }
        }
      }
      Path root = Files.createTempDirectory("expand-from-the-jar");
      Row config =
          Row.withSchema(cleanupConfig)
              .withFieldValues(Map.of())
              .withFieldValue("root", root.toString())
              .withFieldValue("run_id", "run-1")
              .build();
      ExpansionApi.ExpansionResponse response =
          ExpansionRequests.expand(
              service,
              ExpansionRequests.schemaTransform(
                  "beam:schematransform:org.checkpointio:checkpoint_cleanup:v1",
                  config,
                  RunnerApi.Components.getDefaultInstance(),
                  Map.of()));
      System.out.println("error " + response.getError().isEmpty());
      String output = response.getTransform().getOutputsOrThrow("output");
      System.out.println(
          "output " + ExpansionRequests.schemaOf(response.getComponents(), output).getFieldNames());
      Files.delete(root);
    }
  }
}
