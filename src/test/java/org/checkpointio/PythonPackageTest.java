package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.interop.InteropFixture;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestJson;
import org.checkpointio.storage.s3.PathStyleS3ClientBuilderFactory;
import org.checkpointio.storage.s3.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One protocol, two languages: the Python package in {@code python/} reads what Beam pipelines
 * wrote and Beam pipelines read what the package wrote, in both formats.
 *
 * <p>Before the tests, pipelines on the DirectRunner write the shared fixture's rows (every type
 * of the mapping, {@code src/test/resources/interop/types.json}), a CORRELATION checkpoint under
 * awkward ids, and a checkpoint with appends and a superseding exclusive write. The package is
 * installed into the test Python environment ({@code pip install --no-deps python/}, its build
 * backend from the machine's pip index) and its whole pytest suite runs, {@code
 * python/tests/test_java_interop.py} included: that reads Java's checkpoints and asserts on
 * their contents, appends Polars rows to one of them, and writes checkpoints of its own, which
 * the tests here read with {@code CheckpointIO.read} in real pipelines.
 *
 * <p>The same runs on {@code s3://}: S3Proxy on 127.0.0.1 (as the storage tests run it), Beam's S3
 * file system on the Java side and pyarrow's on the Python side.
 *
 * <p>Skipped if {@code python3} is not installed; a Python environment that cannot be made fails
 * it.
 */
class PythonPackageTest {
  private static final String JAVA_RUN = "java/run ü";
  private static final String PYTHON_RUN = "python/run ü";
  private static final String CORRELATION = "corr/1 ü";
  private static final String BUCKET = "python-interop";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path javaRoot;
  @TempDir static Path pythonRoot;
  @TempDir static Path work;
  private static InteropFixture fixture;
  private static PythonEnvironment.Result pytest;
  private static S3ProxyServer s3;

  @BeforeAll
  static void writeFromJavaThenRunThePythonSuite() throws Exception {
    PythonEnvironment python = PythonEnvironment.get();
    fixture = InteropFixture.load();
    // An exclusive write commits over the version it saw when its pipeline was built, so each
    // step is built once the one before has committed.
    for (int step = 0; step < 4; step++) {
      Pipeline pipeline = TestPipelines.create();
      for (CheckpointFormat format : CheckpointFormat.values()) {
        String orders = "orders" + suffix(format);
        switch (step) {
          case 0:
            write(pipeline, "types" + suffix(format), format, fixture.schema(), fixture.rows(),
                javaRun(), false);
            write(pipeline, "kept" + suffix(format), format, TestRows.ORDER,
                TestRows.orders(300, 304), javaRun().withCorrelationId(CORRELATION), false,
                CheckpointScope.CORRELATION);
            write(pipeline, orders, format, TestRows.ORDER, TestRows.orders(0, 10), javaRun(),
                false);
            break;
          case 1:
            write(pipeline, orders, format, TestRows.ORDER, TestRows.orders(10, 15), javaRun(),
                true);
            break;
          case 2:
            write(pipeline, orders, format, TestRows.ORDER, TestRows.orders(100, 110),
                javaRun(), false);
            break;
          default:
            write(pipeline, orders, format, TestRows.ORDER, TestRows.orders(110, 113),
                javaRun(), true);
        }
      }
      TestPipelines.run(pipeline);
    }

    PipelineOptionsFactory.register(S3Options.class);
    s3 = S3ProxyServer.start();
    S3Options options = PipelineOptionsFactory.fromArgs(s3.beamArgs()).as(S3Options.class);
    try (S3Client client = new PathStyleS3ClientBuilderFactory().createBuilder(options).build()) {
      client.createBucket(b -> b.bucket(BUCKET));
    }
    Pipeline onS3 = TestPipelines.create(s3.beamArgs());
    for (CheckpointFormat format : CheckpointFormat.values()) {
      write(onS3, "orders" + suffix(format), format, TestRows.ORDER, TestRows.orders(0, 7),
          CheckpointContext.of("s3://" + BUCKET + "/java", JAVA_RUN), false);
    }
    TestPipelines.run(onS3);

    ObjectNode cases = JSON.createObjectNode();
    cases.put("javaRoot", javaRoot.toString());
    cases.put("pythonRoot", pythonRoot.toString());
    cases.put("javaRun", JAVA_RUN);
    cases.put("pythonRun", PYTHON_RUN);
    cases.put("correlation", CORRELATION);
    cases.put("lsOut", work.resolve("ls.json").toString());
    // pyarrow's S3 file system takes the endpoint as URI parameters, the keys from the
    // environment (the test server's own, see S3ProxyServer).
    String s3Parameters =
        "?endpoint_override=" + s3.endpoint().substring("http://".length())
            + "&scheme=http&region=" + S3ProxyServer.REGION;
    cases.put("s3JavaRoot", "s3://" + BUCKET + "/java" + s3Parameters);
    cases.put("s3PythonRoot", "s3://" + BUCKET + "/python" + s3Parameters);
    Path casesFile = work.resolve("cases.json");
    Files.writeString(casesFile, JSON.writeValueAsString(cases));

    // pip builds in the directory it installs from: a copy, so nothing lands beside the sources.
    Path source = copyOfThePackage();
    Path log = Path.of("target", "python-package-install.log");
    PythonEnvironment.Result install =
        python.python(
            List.of("-m", "pip", "install", "--no-deps", "--force-reinstall", source.toString()),
            Map.of(), log);
    assertEquals(0, install.exitCode(), install.describe());
    pytest =
        python.pytestAt(
            List.of(Path.of("python", "tests")),
            Map.of(
                "CHECKPOINTIO_JAVA_CASES", casesFile.toString(),
                "AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY,
                "AWS_EC2_METADATA_DISABLED", "true"),
            Path.of("target", "python-package-pytest.log"));
  }

  private static Path copyOfThePackage() throws java.io.IOException {
    Path from = Path.of("python");
    Path to = work.resolve("python-package");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path file : walk.toList()) {
        Path relative = from.relativize(file);
        if (relative.toString().matches("(build|.*\\.egg-info|.*__pycache__)(/.*)?")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  private static CheckpointContext javaRun() {
    return CheckpointContext.of(javaRoot.toString(), JAVA_RUN);
  }

  private static CheckpointContext pythonRun() {
    return CheckpointContext.of(pythonRoot.toString(), PYTHON_RUN).withCorrelationId(CORRELATION);
  }

  private static void write(
      Pipeline pipeline, String name, CheckpointFormat format, Schema schema, List<Row> rows,
      CheckpointContext context, boolean append) {
    write(pipeline, name, format, schema, rows, context, append, CheckpointScope.RUN);
  }

  private static void write(
      Pipeline pipeline, String name, CheckpointFormat format, Schema schema, List<Row> rows,
      CheckpointContext context, boolean append, CheckpointScope scope) {
    CheckpointIO.Write write =
        CheckpointIO.write(name).to(context).withFormat(format).withNumShards(2).withScope(scope);
    pipeline
        .apply("Create " + name + rows.size(), Create.of(rows).withRowSchema(schema))
        .apply("Write " + name + rows.size(), append ? write.withAppend() : write);
  }

  private static void assertReads(CheckpointContext context, String name, List<Row> expected) {
    assertReads(TestPipelines.create(), context, name, expected);
  }

  private static void assertReads(
      Pipeline pipeline, CheckpointContext context, String name, List<Row> expected) {
    PCollection<Row> rows = pipeline.apply(CheckpointIO.read(name).from(context));
    PAssert.that(rows).containsInAnyOrder(expected);
    TestPipelines.run(pipeline);
  }

  private static String suffix(CheckpointFormat format) {
    return "-" + format.name().toLowerCase();
  }

  @Test
  void thePythonSuitePassesOnJavasCheckpoints() {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    // -rfEsxX lists every skipped test: none may be, the interop tests above all.
    assertTrue(pytest.output().contains(" passed"), pytest.output());
    assertTrue(!pytest.output().contains("skipped"), pytest.output());
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void everyTypePythonWroteReadsBackInABeamPipeline(CheckpointFormat format) throws Exception {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    assertReads(pythonRun(), "types" + suffix(format), fixture.rows());
    // Read by Python from Java's checkpoint, written back through Polars with its schema.
    assertReads(pythonRun(), "roundtrip" + suffix(format), fixture.rows());
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aPolarsFrameWrittenWithInferredTypesReadsInABeamPipeline(CheckpointFormat format) {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    Schema inner = Schema.builder().addNullableField("city", FieldType.STRING)
        .addNullableField("zip", FieldType.INT32).build();
    Schema schema =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("name", FieldType.STRING)
            .addNullableField("price", FieldType.DOUBLE)
            .addNullableField("small", FieldType.INT16)
            .addNullableField("flag", FieldType.BOOLEAN)
            .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
            .addNullableField("at", FieldType.logicalType(SqlTypes.TIMESTAMP))
            .addNullableField("wall", FieldType.logicalType(SqlTypes.DATETIME))
            .addNullableField("clock", FieldType.logicalType(SqlTypes.TIME))
            .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
            .addNullableField("address", FieldType.row(inner))
            .build();
    List<Row> expected =
        List.of(
            Row.withSchema(schema)
                .addValues(
                    1L, "first", 2.5, (short) -3, true, LocalDate.of(2026, 11, 23),
                    java.time.Instant.parse("2026-11-23T08:15:30.123456Z"),
                    LocalDateTime.of(2026, 11, 23, 8, 15, 30, 123_456_000),
                    LocalTime.of(8, 15, 30, 123_456_000), Arrays.asList("a", null),
                    Row.withSchema(inner).addValues("Zürich", 8001).build())
                .build(),
            Row.withSchema(schema)
                .addValues(2L, null, null, null, null, null, null, null, null, null, null)
                .build());
    assertReads(pythonRun(), "inferred" + suffix(format), expected);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void theReadRuleAndScopesApplyToWhatPythonCommitted(CheckpointFormat format) {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    // Python: exclusive 0–4, append 5–7, exclusive 100–102 superseding it, append 200–201.
    List<Row> expected = new ArrayList<>(TestRows.orders(100, 103));
    expected.addAll(TestRows.orders(200, 202));
    assertReads(pythonRun(), "orders" + suffix(format), expected);
    // Only in CORRELATION scope: found after the RUN scope, under an encoded id.
    assertReads(pythonRun(), "kept" + suffix(format), TestRows.orders(300, 304));
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aPolarsAppendToAJavaCheckpointIsAlignedToItsContract(CheckpointFormat format) {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    List<Row> expected = new ArrayList<>(TestRows.orders(100, 113));
    expected.addAll(TestRows.orders(500, 503));
    assertReads(javaRun(), "orders" + suffix(format), expected);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void whatPythonWroteOnS3ReadsInABeamPipelineOnS3(CheckpointFormat format) {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    // Python: exclusive 0–6 of Java's schema, then an append of 7–9.
    assertReads(
        TestPipelines.create(s3.beamArgs()),
        CheckpointContext.of("s3://" + BUCKET + "/python", PYTHON_RUN),
        "orders" + suffix(format),
        TestRows.orders(0, 10));
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aBeamAppendToAPythonCheckpointIsAlignedToThePythonContract(CheckpointFormat format) {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    // Python wrote (id 1, 2026-11-23, "python") from Polars: every field nullable. The Beam
    // writer's fields come in another order, id required and no note.
    Schema beam =
        Schema.builder()
            .addLogicalTypeField("day", SqlTypes.DATE)
            .addInt64Field("id")
            .build();
    String name = "appended-by-java" + suffix(format);
    Pipeline append = TestPipelines.create();
    write(append, name, format, beam,
        List.of(Row.withSchema(beam).addValues(LocalDate.of(2026, 12, 8), 2L).build()),
        pythonRun(), true);
    TestPipelines.run(append);
    Schema contract =
        Schema.builder()
            .addNullableField("id", FieldType.INT64)
            .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
            .addNullableField("note", FieldType.STRING)
            .build();
    assertReads(
        pythonRun(),
        name,
        List.of(
            Row.withSchema(contract).addValues(1L, LocalDate.of(2026, 11, 23), "python").build(),
            Row.withSchema(contract).addValues(2L, LocalDate.of(2026, 12, 8), null).build()));
  }

  @Test
  void pythonListsTheTreesTheJavaStoreLists() throws Exception {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    com.fasterxml.jackson.databind.node.ArrayNode java = JSON.createArrayNode();
    for (CheckpointTree tree : CheckpointStore.at(javaRoot.toString()).trees()) {
      ObjectNode node = java.addObject();
      node.put("scope", tree.getScope().name()).put("id", tree.getId());
      node.put("files", tree.getFiles()).put("bytes", tree.getBytes());
      com.fasterxml.jackson.databind.node.ArrayNode checkpoints = node.putArray("checkpoints");
      for (Map.Entry<String, List<Manifest>> checkpoint :
          CommittedManifests.inTree(ScopeTree.of(javaRoot.toString(), tree.getScope(), tree.getId()))
              .entrySet()) {
        List<Manifest> live = checkpoint.getValue();
        checkpoints
            .addArray()
            .add(checkpoint.getKey())
            .add(live.get(0).fileFormat().name())
            .add(live.stream().mapToLong(Manifest::totalRows).sum())
            .add(live.stream().mapToLong(Manifest::totalBytes).sum());
      }
    }
    // As text: Jackson's int and long nodes of one number are not equal as nodes.
    assertEquals(
        JSON.writeValueAsString(java),
        JSON.writeValueAsString(JSON.readTree(work.resolve("ls.json").toFile())));
  }

  @Test
  void everyManifestPythonWroteIsValidAndJavaReadsIt() throws Exception {
    assertEquals(0, pytest.exitCode(), pytest.describe());
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(Path.of("docs", "manifest.schema.json"))) {
      schema =
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
              .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(pythonRoot)) {
      manifests =
          files.filter(f -> f.getFileName().toString().matches("_(manifest|append)-.*\\.json"))
              .sorted(Comparator.naturalOrder())
              .toList();
    }
    assertTrue(manifests.size() >= 14, "manifests of every case: " + manifests);
    for (Path file : manifests) {
      JsonNode json = JSON.readTree(file.toFile());
      assertEquals(List.of(), schema.validate(json).stream().map(Object::toString).toList(),
          file.toString());
      Manifest manifest = ManifestJson.fromJson(Files.readString(file));
      assertEquals(json.get("totalRows").asLong(), manifest.totalRows());
    }
    Manifest types =
        CommittedManifests.read(pythonRun().paths(CheckpointScope.RUN, "types-arrow")).get(0);
    assertEquals(fixture.schema(), types.schema());
  }
}
