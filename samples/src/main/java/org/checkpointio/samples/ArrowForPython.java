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
import org.checkpointio.StoredCheckpoint;
import org.checkpointio.CommittedWrite;
import org.checkpointio.CommittedShard;
import org.checkpointio.CheckpointStore;

/**
 * Arrow for Python users: a Beam job writes an ARROW checkpoint, and Python opens its shards.
 *
 * <p>One pipeline generates a small "readings" table and writes it as RUN checkpoint {@code
 * readings} in the ARROW format (Arrow IPC files, UNCOMPRESSED so every Arrow reader opens them;
 * Polars and pyarrow also read ZSTD and LZ4_FRAME shards). It does <em>not</em> clean up: the run
 * tree stays so that a Python process can read it. The sample prints the checkpoint directory,
 * its live manifests and shards, and two snippets to paste into Python, one for Polars ({@code
 * pl.scan_ipc}) and one for pyarrow ({@code pyarrow.ipc.open_file} per shard, or {@code
 * pyarrow.dataset.dataset} over all of them). Both find the shards by the read rule of
 * docs/manifest-format.md: the exclusive manifest with the highest version ({@code
 * _manifest-{version}.json}, or format 1's {@code manifest.json} if there is none), plus the
 * append manifests ({@code _append-{writeId}.json}, format 1's {@code manifest-{writeId}.json})
 * it does not supersede. Never a glob: it would also match shards of writes that never committed
 * and of superseded writes. Each snippet also asserts that the list is the one this run printed.
 * Last it prints the {@code checkpoint rm} command that deletes the run tree: once Python has
 * read the shards, deleting it is the caller's job.
 *
 * <p>Its test runs both snippets with Polars and pyarrow (in the Python environment that {@code
 * OutsideReadersTest} uses) after leaving a shard of a write that never committed beside the
 * checkpoint, and opens every printed shard with Arrow Java's own {@code ArrowFileReader}. The
 * snippets open local paths; on a {@code gs://} or {@code s3://} root, list and open the files
 * with that store's client (or take the list from {@code checkpoint show --json}).
 *
 * <p>Run it with {@code mvn -B -q test-compile exec:exec@arrow-for-python}. Options: {@code
 * --checkpointRoot} (default: a fresh temporary directory), {@code --checkpointRunId} (default: a random
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
      String directory,
      List<String> manifestPaths,
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
    out.printf("  directory: %s%n", s.directory());
    for (String manifest : s.manifestPaths()) {
      out.printf("  manifest:  %s%n", manifest);
    }
    for (int i = 0; i < s.shardPaths().size(); i++) {
      out.printf("  shard:     %s  (%d rows)%n", s.shardPaths().get(i), s.shardRows().get(i));
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

    // The committed shards are exactly those the live manifests list, by the read rule.
    StoredCheckpoint readings =
        CheckpointStore.at(context.root())
            .checkpoint(CheckpointScope.RUN, context.runId(), READINGS)
            .orElseThrow();
    List<CommittedShard> shards =
        readings.writes().stream().flatMap(write -> write.shards().stream()).toList();
    String directory = readings.directory();
    List<String> shardPaths = readings.shardFiles();
    return new Summary(
        context.root(),
        context.runId(),
        directory,
        readings.writes().stream().map(CommittedWrite::manifestFile).toList(),
        shardPaths,
        shards.stream().map(CommittedShard::rows).toList(),
        readings.rows(),
        polarsSnippet(directory, shardPaths),
        pyarrowSnippet(directory, shardPaths),
        String.format("cli/checkpoint rm %s --run %s --yes", context.root(), context.runId()),
        SampleTrees.exists(context, CheckpointScope.RUN));
  }

  /** Reading {@code id}: every field derived from the id, so a test can recompute any of them. */
  static Row reading(long id) {
    return Row.withSchema(READING)
        .addValues(id, "sensor-" + id % 8, -10.0 + (id % 100) * 0.5, id % 25 == 0)
        .build();
  }

  static String polarsSnippet(String directory, List<String> shardPaths) {
    return "import json, os, re\n"
        + "import polars as pl\n"
        + "\n"
        + committedShards(directory, shardPaths)
        + "df = pl.scan_ipc(shards).collect()\n"
        + "print(df.shape)  # ("
        + READING_COUNT
        + ", "
        + READING.getFieldCount()
        + ")\n";
  }

  static String pyarrowSnippet(String directory, List<String> shardPaths) {
    return "import json, os, re\n"
        + "import pyarrow as pa\n"
        + "import pyarrow.dataset\n"
        + "import pyarrow.ipc\n"
        + "\n"
        + committedShards(directory, shardPaths)
        + "# One shard at a time:\n"
        + "table = pa.concat_tables([pyarrow.ipc.open_file(path).read_all() for path in shards])\n"
        + "# Or all shards as one dataset:\n"
        + "table = pyarrow.dataset.dataset(shards, format=\"ipc\").to_table()\n"
        + "print(table.num_rows)  # "
        + READING_COUNT
        + "\n";
  }

  /**
   * Python that finds the committed shards by the read rule (sizes checked; the CRC32C check is
   * in docs/manifest-format.md), and asserts that they are the ones printed.
   */
  private static String committedShards(String directory, List<String> shardPaths) {
    StringBuilder python =
        new StringBuilder()
            .append("def committed_shards(directory):\n")
            .append("    # CheckpointIO's read rule (docs/manifest-format.md): the exclusive manifest\n")
            .append("    # with the highest version and the append manifests it does not supersede.\n")
            .append("    names = os.listdir(directory)\n")
            .append("    versions = sorted(n for n in names")
            .append(" if re.fullmatch(r\"_manifest-[0-9]{10}\\.json\", n))\n")
            .append("    exclusive = versions[-1:] or [n for n in names if n == \"manifest.json\"]\n")
            .append("    appends = {m[1]: n for n in names")
            .append(" if (m := re.fullmatch(r\"(?:_append|manifest)-(.+)\\.json\", n))}\n")
            .append("    def load(name):\n")
            .append("        with open(os.path.join(directory, name)) as f:\n")
            .append("            return json.load(f)\n")
            .append("    live = [load(n) for n in exclusive]\n")
            .append("    superseded = set(live[0].get(\"supersedes\", [])) if live else set()\n")
            .append("    live += [load(n) for w, n in sorted(appends.items()) if w not in superseded]\n")
            .append("    shards = [(os.path.join(directory, s[\"file\"]), s) for m in live")
            .append(" for s in m[\"shards\"]]\n")
            .append("    assert all(os.path.getsize(p) == s[\"bytes\"] for p, s in shards)\n")
            .append("    return [p for p, s in shards]\n")
            .append("\n")
            .append("shards = committed_shards(")
            .append(pythonString(directory))
            .append(")\n")
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
