package org.checkpointio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointScope;
import org.checkpointio.PythonEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the Arrow-for-Python sample once and checks what it prints: the shards exist, Arrow Java
 * opens each as an IPC file with the generated rows, and both Python snippets find exactly them by
 * the read rule and read the generated rows with Polars and pyarrow, whatever else lies beside
 * them.
 */
class ArrowForPythonTest {
  private static final String RUN_ID = "arrow-for-python-test";
  private static final Pattern PRINTED_SHARD = Pattern.compile("(?m)^  shard: +(\\S+)  \\(");
  private static final Pattern PRINTED_MANIFEST = Pattern.compile("(?m)^  manifest: +(\\S+)$");
  private static final Pattern PYTHON_ARROW_PATH = Pattern.compile("\"([^\"]+\\.arrow)\"");

  @TempDir static Path root;

  private static ArrowForPython.Summary summary;
  private static String output;
  private static List<String> printedShards;

  @BeforeAll
  static void runSample() throws Exception {
    summary = ArrowForPython.run("--checkpointRoot=" + root, "--checkpointRunId=" + RUN_ID);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ArrowForPython.print(summary, out);
    }
    output = bytes.toString(StandardCharsets.UTF_8);
    printedShards = all(PRINTED_SHARD, output);
  }

  @Test
  void printsTheCommittedShardsAndManifestOfTheRun() {
    Path directory = root.resolve("runs").resolve(RUN_ID).resolve(ArrowForPython.READINGS);
    assertEquals(ArrowForPython.SHARDS, printedShards.size(), output);
    assertEquals(summary.shardPaths(), printedShards);
    for (String shard : printedShards) {
      Path path = Path.of(shard);
      assertTrue(Files.isRegularFile(path), "printed shard missing: " + shard);
      assertEquals(directory, path.getParent());
      assertTrue(
          path.getFileName().toString().matches("part-[0-9a-f-]{36}-\\d{5}-of-00002\\.arrow"),
          shard);
    }
    assertEquals(directory, Path.of(summary.directory()));
    assertEquals(
        List.of(directory.resolve("_manifest-0000000001.json").toString()),
        all(PRINTED_MANIFEST, output));
    assertEquals(summary.manifestPaths(), all(PRINTED_MANIFEST, output));
    assertTrue(Files.isRegularFile(Path.of(summary.manifestPaths().get(0))));
    assertEquals(ArrowForPython.READING_COUNT, summary.manifestRows());
  }

  @Test
  void eachShardIsAnArrowIpcFileOfTheGeneratedRows() throws Exception {
    Set<Long> ids = new TreeSet<>();
    for (int i = 0; i < printedShards.size(); i++) {
      long rows = 0;
      try (BufferAllocator allocator = new RootAllocator();
          FileChannel channel =
              FileChannel.open(Path.of(printedShards.get(i)), StandardOpenOption.READ);
          ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
        VectorSchemaRoot batch = reader.getVectorSchemaRoot();
        assertEquals(
            List.of("id", "sensor", "celsius", "alert"),
            batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
        for (ArrowBlock block : reader.getRecordBlocks()) {
          assertTrue(reader.loadRecordBatch(block));
          for (int r = 0; r < batch.getRowCount(); r++) {
            long id = ((BigIntVector) batch.getVector("id")).get(r);
            Row expected = ArrowForPython.reading(id);
            assertEquals(
                expected.getString("sensor"),
                new String(
                    ((VarCharVector) batch.getVector("sensor")).get(r), StandardCharsets.UTF_8));
            assertEquals(
                expected.getDouble("celsius"), ((Float8Vector) batch.getVector("celsius")).get(r));
            assertEquals(
                expected.getBoolean("alert"), ((BitVector) batch.getVector("alert")).get(r) == 1);
            assertTrue(ids.add(id), "id " + id + " in two rows");
          }
          rows += batch.getRowCount();
        }
      }
      assertEquals(summary.shardRows().get(i), rows, "rows of " + printedShards.get(i));
    }
    assertEquals(
        LongStream.range(0, ArrowForPython.READING_COUNT).boxed().collect(Collectors.toSet()),
        ids);
  }

  @Test
  void pythonSnippetsApplyTheReadRuleAndNameExactlyThoseShards() {
    String directory = ArrowForPython.pythonString(summary.directory());
    for (String snippet : List.of(summary.polarsSnippet(), summary.pyarrowSnippet())) {
      assertTrue(output.contains(snippet), "snippet not printed:\n" + snippet);
      assertTrue(snippet.contains("shards = committed_shards(" + directory + ")\n"), snippet);
      // The exclusive manifest of the highest version, appends it does not supersede, and the
      // format-1 names of both.
      assertTrue(snippet.contains("_manifest-[0-9]{10}"), snippet);
      assertTrue(snippet.contains("versions[-1:] or [n for n in names if n == \"manifest.json\"]"));
      assertTrue(snippet.contains("(?:_append|manifest)-(.+)"), snippet);
      assertTrue(snippet.contains("if w not in superseded"), snippet);
      assertEquals(printedShards, all(PYTHON_ARROW_PATH, snippet), snippet);
      assertFalse(snippet.contains("glob"), snippet);
    }
    assertTrue(summary.polarsSnippet().contains("pl.scan_ipc(shards).collect()"));
    assertTrue(summary.pyarrowSnippet().contains("pyarrow.ipc.open_file(path).read_all()"));
    assertTrue(
        summary.pyarrowSnippet().contains("pyarrow.dataset.dataset(shards, format=\"ipc\")"));
  }

  /**
   * The snippets as a user pastes them, run with the Polars and pyarrow of the build's Python
   * environment, beside a finalized shard of a write that never committed: a glob would read its
   * rows too, the read rule does not.
   */
  @Test
  void pythonSnippetsReadExactlyTheCommittedRows() throws Exception {
    PythonEnvironment python = PythonEnvironment.get();
    Path directory = Path.of(summary.directory());
    Path leftover =
        directory.resolve("part-" + UUID.randomUUID() + "-00000-of-00001.arrow");
    Files.copy(Path.of(printedShards.get(0)), leftover);
    try {
      Map<String, String> expected =
          Map.of(
              "polars", "(" + ArrowForPython.READING_COUNT + ", 4)",
              "pyarrow", String.valueOf(ArrowForPython.READING_COUNT));
      for (Map.Entry<String, String> snippet :
          Map.of("polars", summary.polarsSnippet(), "pyarrow", summary.pyarrowSnippet())
              .entrySet()) {
        Path script = root.resolve(snippet.getKey() + "_snippet.py");
        Files.writeString(script, snippet.getValue());
        PythonEnvironment.Result result =
            python.python(
                List.of(script.toString()), Map.of(), root.resolve(snippet.getKey() + ".log"));
        assertEquals(0, result.exitCode(), result.describe());
        assertEquals(expected.get(snippet.getKey()), result.output().strip(), result.describe());
      }
    } finally {
      Files.delete(leftover);
    }
  }

  @Test
  void leavesTheRunTreeAndSaysHowToDeleteIt() throws Exception {
    assertTrue(summary.runTreeExists());
    assertTrue(SampleTrees.exists(context(), CheckpointScope.RUN));
    String command = "cli/checkpoint rm " + root + " --run " + RUN_ID + " --yes";
    assertEquals(command, summary.cleanupCommand());
    assertTrue(output.contains("\n  " + command + "\n"), output);
  }

  private static CheckpointContext context() {
    return CheckpointContext.of(root.toString(), RUN_ID);
  }

  private static List<String> all(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
