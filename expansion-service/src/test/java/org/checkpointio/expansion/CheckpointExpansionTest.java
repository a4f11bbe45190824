package org.checkpointio.expansion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.model.expansion.v1.ExpansionApi;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.expansion.service.ExpansionService;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.util.construction.PipelineTranslation;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.providers.CheckpointCleanupSchemaTransformProvider;
import org.checkpointio.providers.CheckpointReadSchemaTransformProvider;
import org.checkpointio.providers.CheckpointWriteSchemaTransformProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beam's expansion service, in this process, answers what an SDK asks of CheckpointIO's schema
 * transforms: discovery lists them with their configurations, and an expansion request for each
 * identifier comes back as the expanded transform, with outputs of the expected schemas.
 */
class CheckpointExpansionTest {
  @TempDir Path root;

  private final ExpansionService service = new ExpansionService();

  @AfterEach
  void close() throws Exception {
    service.close();
  }

  /** A configuration row of only the fields Python would set, on a schema of just those. */
  private static Row config(Map<String, Object> values) {
    Schema.Builder schema = Schema.builder();
    Map<String, Object> sorted = new TreeMap<>(values);
    sorted.forEach(
        (name, value) ->
            schema.addField(
                name,
                value instanceof List
                    ? Schema.FieldType.array(Schema.FieldType.STRING)
                    : value instanceof Integer ? Schema.FieldType.INT32 : Schema.FieldType.STRING));
    return Row.withSchema(schema.build()).addValues(List.copyOf(sorted.values())).build();
  }

  /** The configuration on the provider's own schema, unset fields null, as discovery gives it. */
  private static Row configOn(Schema providerSchema, Map<String, Object> values) {
    Row.FieldValueBuilder row = Row.withSchema(providerSchema).withFieldValues(Map.of());
    for (Map.Entry<String, Object> value : values.entrySet()) {
      row = row.withFieldValue(value.getKey(), value.getValue());
    }
    return row.build();
  }

  private Map<String, ExpansionApi.SchemaTransformConfig> discovered() {
    return ExpansionRequests.discover(service).getSchemaTransformConfigsMap();
  }

  private Schema configSchema(String identifier) {
    return SchemaTranslation.schemaFromProto(discovered().get(identifier).getConfigSchema());
  }

  private static String onlyOutput(ExpansionApi.ExpansionResponse response, String tag) {
    assertEquals(List.of(tag), List.copyOf(response.getTransform().getOutputsMap().keySet()));
    return response.getTransform().getOutputsOrThrow(tag);
  }

  private static void assertExpanded(ExpansionApi.ExpansionResponse response) {
    assertEquals("", response.getError(), "expansion error");
    assertTrue(response.getTransform().getSubtransformsCount() > 0, "a composite was expanded");
  }

  @Test
  void discoveryListsTheThreeTransformsWithSnakeCaseConfigurations() {
    Map<String, ExpansionApi.SchemaTransformConfig> configs = discovered();
    ExpansionApi.SchemaTransformConfig write =
        configs.get(CheckpointWriteSchemaTransformProvider.IDENTIFIER);
    ExpansionApi.SchemaTransformConfig read =
        configs.get(CheckpointReadSchemaTransformProvider.IDENTIFIER);
    ExpansionApi.SchemaTransformConfig cleanup =
        configs.get(CheckpointCleanupSchemaTransformProvider.IDENTIFIER);
    assertEquals(List.of("input"), write.getInputPcollectionNamesList());
    assertEquals(List.of("output"), write.getOutputPcollectionNamesList());
    assertEquals(List.of(), read.getInputPcollectionNamesList());
    assertEquals(List.of("output"), read.getOutputPcollectionNamesList());
    assertEquals(List.of("input"), cleanup.getInputPcollectionNamesList());
    assertEquals(List.of("output"), cleanup.getOutputPcollectionNamesList());
    assertEquals(
        List.of(
            "append", "batch_rows", "compression", "correlation_id", "format", "lenient_schema",
            "name", "num_shards", "root", "row_group_bytes", "run_id", "scope"),
        SchemaTranslation.schemaFromProto(write.getConfigSchema()).getFieldNames());
    assertEquals(
        List.of("columns", "correlation_id", "name", "root", "run_id"),
        SchemaTranslation.schemaFromProto(read.getConfigSchema()).getFieldNames());
    assertEquals(
        List.of("correlation_id", "fail_on_error", "root", "run_id", "scopes"),
        SchemaTranslation.schemaFromProto(cleanup.getConfigSchema()).getFieldNames());
    assertTrue(write.getDescription().startsWith("WriteToCheckpoint: "), write.getDescription());
  }

  @Test
  void writeRequestExpandsToTheWriteWhoseOutputIsItsCommit() throws Exception {
    RunnerApi.Components components = sdkInput("Orders");
    String orders = transformOutput(components, "Orders");

    Schema configSchema = configSchema(CheckpointWriteSchemaTransformProvider.IDENTIFIER);
    ExpansionApi.ExpansionResponse response =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointWriteSchemaTransformProvider.IDENTIFIER,
                configOn(
                    configSchema,
                    Map.of(
                        "root", root.toString(),
                        "name", "orders",
                        "run_id", "run-1",
                        "format", "PARQUET",
                        "num_shards", 2)),
                components,
                Map.of("input", orders)));

    assertExpanded(response);
    assertEquals(Map.of("input", orders), response.getTransform().getInputsMap());
    String committed = onlyOutput(response, "output");
    assertEquals(
        CheckpointWriteSchemaTransformProvider.COMMIT_SCHEMA,
        ExpansionRequests.schemaOf(response.getComponents(), committed));
    assertTrue(
        response.getComponents().getTransformsMap().values().stream()
            .anyMatch(t -> t.getUniqueName().endsWith("/WriteCheckpoint/WriteAndCommit")),
        "the library's write is inside the expansion");
  }

  @Test
  void readRequestExpandsToTheReadWithTheStoredOrProjectedSchema() throws Exception {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(TestRows.orders(0, 5)).withRowSchema(TestRows.ORDER))
        .apply(CheckpointIO.write("orders").to(CheckpointContext.of(root.toString(), "run-0")));
    TestPipelines.run(write);

    // Only the fields it sets, on a schema of just those, as SchemaAwareExternalTransform sends
    // them without discovery; the expansion service accepts it when it is assignable.
    Row everyField =
        configOn(
            configSchema(CheckpointReadSchemaTransformProvider.IDENTIFIER),
            Map.of("root", root.toString(), "name", "orders", "run_id", "run-0"));
    ExpansionApi.ExpansionResponse all =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointReadSchemaTransformProvider.IDENTIFIER,
                everyField,
                RunnerApi.Components.getDefaultInstance(),
                Map.of()));
    assertExpanded(all);
    assertEquals(
        TestRows.ORDER, ExpansionRequests.schemaOf(all.getComponents(), onlyOutput(all, "output")));

    Row projection =
        configOn(
            configSchema(CheckpointReadSchemaTransformProvider.IDENTIFIER),
            Map.of(
                "root", root.toString(),
                "name", "orders",
                "run_id", "run-0",
                "columns", List.of("customer", "id")));
    ExpansionApi.ExpansionResponse projected =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointReadSchemaTransformProvider.IDENTIFIER,
                projection,
                RunnerApi.Components.getDefaultInstance(),
                Map.of()));
    assertExpanded(projected);
    Schema schema =
        ExpansionRequests.schemaOf(projected.getComponents(), onlyOutput(projected, "output"));
    assertEquals(List.of("id", "customer"), schema.getFieldNames(), "stored order");
    assertEquals(Schema.FieldType.INT64, schema.getField("id").getType());
    assertEquals(Schema.FieldType.STRING, schema.getField("customer").getType());
  }

  @Test
  void cleanupRequestExpandsAfterItsInputWithDeletedTreesAsOutput() throws Exception {
    RunnerApi.Components components = sdkInput("Signal");
    String signal = transformOutput(components, "Signal");

    ExpansionApi.ExpansionResponse response =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointCleanupSchemaTransformProvider.IDENTIFIER,
                configOn(
                    configSchema(CheckpointCleanupSchemaTransformProvider.IDENTIFIER),
                    Map.of(
                        "root", root.toString(),
                        "scopes", List.of("RUN", "CORRELATION"),
                        "run_id", "run-1",
                        "correlation_id", "wf-1")),
                components,
                Map.of("input", signal)));

    assertExpanded(response);
    assertEquals(Map.of("input", signal), response.getTransform().getInputsMap());
    assertEquals(
        CheckpointCleanupSchemaTransformProvider.DELETED_SCHEMA,
        ExpansionRequests.schemaOf(response.getComponents(), onlyOutput(response, "output")));
    assertTrue(
        response.getComponents().getTransformsMap().values().stream()
            .anyMatch(t -> t.getUniqueName().contains("/WaitForSignals")),
        "the cleanup waits for its input");
  }

  @Test
  void aConfigurationTheTransformCannotTakeIsAnsweredWithAnErrorNamingIt() {
    ExpansionApi.ExpansionResponse response =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointReadSchemaTransformProvider.IDENTIFIER,
                configOn(
                    configSchema(CheckpointReadSchemaTransformProvider.IDENTIFIER),
                    Map.of("root", root.toString(), "name", "orders", "run_id", "..")),
                RunnerApi.Components.getDefaultInstance(),
                Map.of()));
    assertTrue(
        response.getError().contains("ReadFromCheckpoint: ")
            && response.getError().contains("'..'"),
        response.getError());
  }

  @Test
  void aConfigurationOfOnlyTheSetFieldsIsRefusedAsNotAssignable() {
    ExpansionApi.ExpansionResponse response =
        ExpansionRequests.expand(
            service,
            ExpansionRequests.schemaTransform(
                CheckpointReadSchemaTransformProvider.IDENTIFIER,
                config(Map.of("root", root.toString(), "name", "orders", "run_id", "run-0")),
                RunnerApi.Components.getDefaultInstance(),
                Map.of()));
    // Why the Python snippet asks for rearrange_based_on_discovery=True: it sends every field.
    assertTrue(response.getError().contains("is not compatible"), response.getError());
  }

  /**
   * The components an SDK sends with an input: a PCollection of order rows, named by its producer
   * {@code name}, made from an impulse (the Python SDK stubs an input's producer as an impulse).
   */
  private static RunnerApi.Components sdkInput(String name) {
    Pipeline pipeline = Pipeline.create();
    pipeline
        .apply(name + "Impulse", Impulse.create())
        .apply(name, MapElements.via(new OrderOfImpulse()))
        .setRowSchema(TestRows.ORDER);
    return PipelineTranslation.toProto(pipeline).getComponents();
  }

  /** The impulse's one element as order 0. */
  private static final class OrderOfImpulse extends SimpleFunction<byte[], Row> {
    @Override
    public Row apply(byte[] impulse) {
      return TestRows.order(0);
    }
  }

  private static String transformOutput(RunnerApi.Components components, String uniqueName) {
    for (RunnerApi.PTransform transform : components.getTransformsMap().values()) {
      if (transform.getUniqueName().equals(uniqueName)) {
        return transform.getOutputsMap().values().iterator().next();
      }
    }
    throw new AssertionError(
        "no transform " + uniqueName + " in " + components.getTransformsMap().keySet());
  }
}
