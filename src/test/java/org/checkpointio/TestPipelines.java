package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ShardFormats;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;
import org.checkpointio.manifest.ShardFile;

/** Real pipelines on a real runner, and what tests ask of their results and files. */
public final class TestPipelines {
  private TestPipelines() {}

  /**
   * The runners tests run on, each in local mode. Named by option, not by class, so that tests
   * compile where the Flink and Spark runners are not on the classpath (see pom.xml).
   */
  public enum Runner {
    DIRECT("--runner=DirectRunner"),
    FLINK("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"),
    SPARK("--runner=SparkRunner", "--sparkMaster=local[2]");

    private final List<String> args;

    Runner(String... args) {
      this.args = List.of(args);
    }
  }

  /** A pipeline on the DirectRunner. */
  public static Pipeline create(String... args) {
    return create(Runner.DIRECT, args);
  }

  public static Pipeline create(Runner runner, String... args) {
    List<String> all = new ArrayList<>(runner.args);
    all.addAll(Arrays.asList(args));
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).create();
    return Pipeline.create(options);
  }

  /**
   * {@code rows} as one DoFn call emits them, in this order: the DirectRunner hands them on in one
   * bundle, so a write by bundle makes one shard of them, in this order.
   */
  public static PCollection<Row> inOneBundle(Pipeline pipeline, Schema schema, List<Row> rows) {
    return pipeline
        .apply("OneElement", Create.of(0))
        .apply("EmitRows", ParDo.of(new EmitRows(rows)))
        .setRowSchema(schema);
  }

  private static final class EmitRows extends DoFn<Integer, Row> {
    private final List<Row> rows;

    EmitRows(List<Row> rows) {
      this.rows = new ArrayList<>(rows);
    }

    @ProcessElement
    public void process(OutputReceiver<Row> out) {
      rows.forEach(out::output);
    }
  }

  public static PipelineResult run(Pipeline pipeline) {
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    return result;
  }

  /**
   * The attempted value of counter {@code name} in CheckpointIO's namespace (0 if absent): every
   * runner reports attempted values, and without retried bundles they equal committed ones.
   */
  public static long counter(PipelineResult result, String name) {
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(CheckpointMetrics.NAMESPACE, name))
                    .build());
    long total = 0;
    for (MetricResult<Long> counter : metrics.getCounters()) {
      total += counter.getAttempted();
    }
    return total;
  }

  /** Every regular file under {@code dir}, relative to it, sorted. */
  public static List<String> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /** The total size of the regular files under {@code dir}. */
  public static long bytesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * Checks that a checkpoint's directory holds its manifest and exactly the shards it lists: a
   * complete set named for the write, each of the recorded size, and nothing else (no temporary
   * directory, no shard of another write).
   */
  public static Manifest assertHoldsExactlyItsCommit(CheckpointPaths paths) throws IOException {
    Manifest manifest = CommittedManifests.exclusive(paths).orElseThrow();
    Path dir = Path.of(paths.directory().toString());
    String suffix = ShardFormats.of(manifest.fileFormat()).fileSuffix();
    int count = manifest.shards().size();
    List<String> shards = new ArrayList<>();
    for (int shard = 0; shard < count; shard++) {
      shards.add(CheckpointPaths.shardFileName(manifest.writeId(), shard, count, suffix));
    }
    assertEquals(
        shards,
        manifest.shards().stream().map(ShardFile::fileName).sorted().toList(),
        "shards 0 to " + (count - 1) + " of write " + manifest.writeId());
    List<String> expected = new ArrayList<>(shards);
    expected.add(CommittedManifests.location(paths, manifest).getFilename());
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(
          expected.stream().sorted().toList(),
          entries.map(p -> p.getFileName().toString()).sorted().toList(),
          dir + " holds its manifest and the shards it lists, nothing else");
    }
    for (ShardFile shard : manifest.shards()) {
      assertEquals(shard.sizeBytes(), Files.size(dir.resolve(shard.fileName())), shard.fileName());
    }
    return manifest;
  }

  /** The first cause of {@code type} in {@code thrown}'s chain, or fails. */
  public static <T extends Throwable> T causeOf(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("Expected a " + type.getSimpleName() + " in the cause chain", thrown);
  }
}
