package org.checkpointio.expansion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.model.expansion.v1.ExpansionApi;
import org.apache.beam.model.pipeline.v1.ExternalTransforms.ExpansionMethods;
import org.apache.beam.model.pipeline.v1.ExternalTransforms.SchemaTransformPayload;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.expansion.service.ExpansionService;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.construction.BeamUrns;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.vendor.grpc.v1p60p1.com.google.protobuf.ByteString;
import org.apache.beam.vendor.grpc.v1p60p1.io.grpc.stub.StreamObserver;

/**
 * Expansion requests as an SDK sends them for a schema transform, and the expansion service's
 * answers, taken in process through its gRPC methods.
 */
final class ExpansionRequests {
  private ExpansionRequests() {}

  /**
   * A request to expand schema transform {@code identifier} with configuration {@code config}
   * (sent with its own schema, as the Python SDK does), on the inputs named in {@code inputs}
   * (tag to PCollection id of {@code components}).
   */
  static ExpansionApi.ExpansionRequest schemaTransform(
      String identifier,
      Row config,
      RunnerApi.Components components,
      Map<String, String> inputs) {
    byte[] encoded;
    try {
      encoded = CoderUtils.encodeToByteArray(RowCoder.of(config.getSchema()), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaTransformPayload payload =
        SchemaTransformPayload.newBuilder()
            .setIdentifier(identifier)
            .setConfigurationSchema(SchemaTranslation.schemaToProto(config.getSchema(), true))
            .setConfigurationRow(ByteString.copyFrom(encoded))
            .build();
    RunnerApi.PTransform.Builder transform =
        RunnerApi.PTransform.newBuilder()
            .setUniqueName("Checkpoint")
            .setSpec(
                RunnerApi.FunctionSpec.newBuilder()
                    .setUrn(BeamUrns.getUrn(ExpansionMethods.Enum.SCHEMA_TRANSFORM))
                    .setPayload(payload.toByteString()));
    inputs.forEach(transform::putInputs);
    return ExpansionApi.ExpansionRequest.newBuilder()
        .setComponents(components)
        .setTransform(transform)
        .setNamespace("python_0")
        .build();
  }

  static ExpansionApi.ExpansionResponse expand(
      ExpansionService service, ExpansionApi.ExpansionRequest request) {
    Answers<ExpansionApi.ExpansionResponse> answers = new Answers<>();
    service.expand(request, answers);
    return answers.only();
  }

  static ExpansionApi.DiscoverSchemaTransformResponse discover(ExpansionService service) {
    Answers<ExpansionApi.DiscoverSchemaTransformResponse> answers = new Answers<>();
    service.discoverSchemaTransform(
        ExpansionApi.DiscoverSchemaTransformRequest.getDefaultInstance(), answers);
    return answers.only();
  }

  /** The schema of PCollection {@code id} in {@code components}, from its row coder. */
  static Schema schemaOf(RunnerApi.Components components, String id) throws Exception {
    RunnerApi.PCollection pcollection = components.getPcollectionsOrThrow(id);
    RunnerApi.Coder coder = components.getCodersOrThrow(pcollection.getCoderId());
    if (!coder.getSpec().getUrn().equals("beam:coder:row:v1")) {
      throw new AssertionError(id + " is not encoded as rows: " + coder.getSpec().getUrn());
    }
    return SchemaTranslation.schemaFromProto(
        org.apache.beam.model.pipeline.v1.SchemaApi.Schema.parseFrom(coder.getSpec().getPayload()));
  }

  /** What a unary gRPC call answered: one value, then completion; an error fails the test. */
  private static final class Answers<T> implements StreamObserver<T> {
    private final List<T> values = new ArrayList<>();
    private boolean completed;

    @Override
    public void onNext(T value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError("the expansion service failed the call", t);
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    T only() {
      if (!completed || values.size() != 1) {
        throw new AssertionError("expected one answer and completion, got " + values);
      }
      return values.get(0);
    }
  }
}
