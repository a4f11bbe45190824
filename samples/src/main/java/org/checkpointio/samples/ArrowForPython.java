package org.checkpointio.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointOptions;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.ManifestFiles;

/**
 * Arrow for Python users: a Beam job writes an ARROW checkpoint, and Python opens its shards.
 *
 * <p>One pipeline generates a small "readings" table and writes it as RUN checkpoint {@code
 * readings} in the ARROW format (Arrow IPC files, UNCOMPRESSED so every Arrow reader opens them;
 * Polars and pyarrow also read ZSTD and LZ4_FRAME shards). It does <em>not</em> clean up: the run
 * tree stays so that a Python process can read it. The sample prints the shard paths, the manifest
 * path, and two snippets to paste into Python, one for Polars ({@code pl.scan_ipc}) and one for
 * pyarrow ({@code pyarrow.ipc.open_file} per shard, or {@code pyarrow.dataset.dataset} over all
 * of them). Both take the shard list from {@code manifest.json}, never from a glob, which would
 * also match shards of writes that never committed. Each snippet also asserts that the list is
 * the one this run printed. Last it prints the {@code checkpoint rm} command that deletes the run
 * tree: once Python has read the shards, deleting it is the caller's job.
 *
 * <p>The snippets were run by hand with Polars 1.44.2 and pyarrow 25.0.1; the test command does
 * not run Python, so its test opens every printed shard with Arrow Java's own {@code
 * ArrowFileReader} instead, and checks that the snippets name exactly those shards. The snippets open local paths; on a {@code gs://} or {@code s3://} root Polars
 * takes the URIs as they are, while pyarrow needs a {@code pyarrow.fs} file system.
 *
 * <p>Run it with {@code mvn -B -q test-compile exec:exec@arrow-for-python}. Options: {@code
 * --checkpointRoot} (default: a fresh temporary directory), {@code --runId} (default: a random
 * UUID).
 */
public final class ArrowForPython {
  static final String READINGS = "readings";
  static final int READING_COUNT = 1_000;
  static final int SHARDS = 2;

  static final Schema READING =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("sensor")
          .addDoubleField("celsius")
          .addBooleanField("alert")
          .build();

  private ArrowForPython() {}

  /** What the job wrote and what to paste into Python. */
  record Summary(
      String root,
      String runId,
      String manifestPath,
      List<String> shardPaths,
      List<Long> shardRows,
      long manifestRows,
      String polarsSnippet,
      String pyarrowSnippet,
      String cleanupCommand,
      boolean runTreeExists) {}

  public static void main(String[] args) throws IOException {
    print(run(args), System.out);
  }

  /** Prints what {@link #run} returned. */
  static void print(Summary s, PrintStream out) {
    out.printf("Checkpoint root: %s%nRun id:          %s%n%n", s.root(), s.runId());
    out.printf(
        "Wrote %d rows as ARROW checkpoint '%s' (RUN scope), left in place for Python:%n",
        s.manifestRows(), READINGS);
    out.printf("  manifest: %s%n", s.manifestPath());
    for (int i = 0; i < s.shardPaths().size(); i++) {
      out.printf("  shard:    %s  (%d rows)%n", s.shardPaths().get(i), s.shardRows().get(i));
    }
    out.printf("%nPolars:%n%n%s%n", s.polarsSnippet());
    out.printf("pyarrow:%n%n%s%n", s.pyarrowSnippet());
    out.printf(
        "The run tree still exists: %s. Delete it once Python has read the shards:%n%n  %s%n",
        s.runTreeExists(), s.cleanupCommand());
  }

  /** Runs the job and returns what it wrote, without cleaning up. */
  static Summary run(String... args) throws IOException {
    CheckpointOptions options = SampleOptions.parse("arrow-for-python", args);
    CheckpointContext context = CheckpointContext.fromOptions(options);
    CheckpointPaths readings = context.paths(CheckpointScope.RUN, READINGS);

    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("GenerateIds", GenerateSequence.from(0).to(READING_COUNT))
        .apply("ToReadings", MapElements.into(TypeDescriptors.rows()).via(ArrowForPython::reading))
        .setRowSchema(READING)
        .apply(
            "WriteReadings",
            CheckpointIO.write(READINGS)
                .to(context)
                .withFormat(CheckpointFormat.ARROW)
                .withNumShards(SHARDS));
    pipeline.run().waitUntilFinish();

    // The committed shards are exactly those the manifest lists.
    Manifest manifest = CommittedManifests.exclusive(readings).orElseThrow();
    String manifestPath = CommittedManifests.location(readings, manifest).toString();
    List<String> shardPaths =
        manifest.shards().stream().map(s -> readings.file(s.fileName()).toString()).toList();
    return new Summary(
        context.root(),
        context.runId(),
        manifestPath,
        shardPaths,
        manifest.shards().stream().map(s -> s.rowCount()).toList(),
        manifest.totalRows(),
        polarsSnippet(manifestPath, shardPaths),
        pyarrowSnippet(manifestPath, shardPaths),
        String.format("cli/checkpoint rm %s --run %s --yes", context.root(), context.runId()),
        SampleTrees.exists(context.tree(CheckpointScope.RUN)));
  }

  /** Reading {@code id}: every field derived from the id, so a test can recompute any of them. */
  static Row reading(long id) {
    return Row.withSchema(READING)
        .addValues(id, "sensor-" + id % 8, -10.0 + (id % 100) * 0.5, id % 25 == 0)
        .build();
  }

  static String polarsSnippet(String manifestPath, List<String> shardPaths) {
    return "import json, os\n"
        + "import polars as pl\n"
        + "\n"
        + shardsFromManifest(manifestPath, shardPaths)
        + "df = pl.scan_ipc(shards).collect()\n"
        + "print(df.shape)  # ("
        + READING_COUNT
        + ", "
        + READING.getFieldCount()
        + ")\n";
  }

  static String pyarrowSnippet(String manifestPath, List<String> shardPaths) {
    return "import json, os\n"
        + "import pyarrow as pa\n"
        + "import pyarrow.dataset\n"
        + "import pyarrow.ipc\n"
        + "\n"
        + shardsFromManifest(manifestPath, shardPaths)
        + "# One shard at a time:\n"
        + "table = pa.concat_tables([pyarrow.ipc.open_file(path).read_all() for path in shards])\n"
        + "# Or all shards as one dataset:\n"
        + "table = pyarrow.dataset.dataset(shards, format=\"ipc\").to_table()\n"
        + "print(table.num_rows)  # "
        + READING_COUNT
        + "\n";
  }

  /** Python that reads the shard list from the manifest and checks it is the printed one. */
  private static String shardsFromManifest(String manifestPath, List<String> shardPaths) {
    StringBuilder python =
        new StringBuilder()
            .append("manifest = ")
            .append(pythonString(manifestPath))
            .append("\n")
            .append("with open(manifest) as f:\n")
            .append("    shards = [os.path.join(os.path.dirname(manifest), s[\"file\"])\n")
            .append("              for s in json.load(f)[\"shards\"]]\n")
            .append("assert shards == [\n");
    for (String shard : shardPaths) {
      python.append("    ").append(pythonString(shard)).append(",\n");
    }
    return python.append("]\n").toString();
  }

  /** A Python string literal of {@code value}. */
  static String pythonString(String value) {
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
