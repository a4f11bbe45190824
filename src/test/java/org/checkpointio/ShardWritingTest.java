package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How rows become shard files: one per bundle when the runner decides, exactly the requested
 * number otherwise, and each shard described in the manifest by what its file really holds.
 */
class ShardWritingTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private CheckpointPaths paths(String name) {
    return context().paths(CheckpointScope.RUN, name);
  }

  private void write(String name, CheckpointIO.Write write, List<Row> rows) {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(write.to(context()));
    TestPipelines.run(pipeline);
  }

  /** Every row of every shard the manifest lists, read file by file, checked against its entry. */
  private List<Row> rowsOfEachListedShard(CheckpointFormat format, Manifest manifest, String name)
      throws Exception {
    List<Row> all = new ArrayList<>();
    for (ShardFile shard : manifest.shards()) {
      Path file = Path.of(paths(name).file(shard.fileName()).toString());
      assertEquals(Files.size(file), shard.sizeBytes(), "bytes of " + shard.fileName());
      List<Row> rows = new ArrayList<>();
      ShardReads.readEachSplit(format, TestRows.ORDER, file).forEach(rows::addAll);
      assertEquals(rows.size(), shard.rowCount(), "rows of " + shard.fileName());
      all.addAll(rows);
    }
    return all;
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aFixedShardCountWritesExactlyThatManyShardsEvenWithFewerRows(CheckpointFormat format)
      throws Exception {
    write(
        "few",
        CheckpointIO.write("few").withFormat(format).withNumShards(5),
        TestRows.orders(0, 3));

    Manifest manifest = TestPipelines.assertHoldsExactlyItsCommit(paths("few"));
    assertEquals(5, manifest.shards().size());
    assertEquals(3, manifest.totalRows());
    List<Row> rows = rowsOfEachListedShard(format, manifest, "few");
    assertEquals(
        TestRows.orders(0, 3),
        rows.stream().sorted((a, b) -> Long.compare(a.getInt64("id"), b.getInt64("id"))).toList());
    assertTrue(
        manifest.shards().stream().filter(s -> s.rowCount() == 0).count() >= 2,
        "at least two of five shards hold none of three rows: " + manifest.shards());
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aFixedShardCountSpreadsManyRowsOverEveryShard(CheckpointFormat format) throws Exception {
    write(
        "spread",
        CheckpointIO.write("spread").withFormat(format).withNumShards(3),
        TestRows.orders(0, 3_000));

    Manifest manifest = TestPipelines.assertHoldsExactlyItsCommit(paths("spread"));
    assertEquals(3, manifest.shards().size());
    assertTrue(
        manifest.shards().stream().allMatch(s -> s.rowCount() > 0),
        "rows are dealt round-robin, so no shard of three is empty: " + manifest.shards());
    assertEquals(3_000, rowsOfEachListedShard(format, manifest, "spread").size());
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void runnerDeterminedShardingDescribesEachShardByWhatItsFileHolds(CheckpointFormat format)
      throws Exception {
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(GenerateSequence.from(0).to(50_000))
        .apply(MapElements.into(TypeDescriptors.rows()).via(TestRows::order))
        .setRowSchema(TestRows.ORDER)
        .apply(CheckpointIO.write("bundles").withFormat(format).to(context()));
    TestPipelines.run(pipeline);

    Manifest manifest = TestPipelines.assertHoldsExactlyItsCommit(paths("bundles"));
    assertEquals(50_000, manifest.totalRows());
    List<Row> rows = rowsOfEachListedShard(format, manifest, "bundles");
    long[] seen = new long[50_000];
    for (Row row : rows) {
      seen[row.getInt64("id").intValue()]++;
      assertEquals(TestRows.order(row.getInt64("id")), row);
    }
    for (int id = 0; id < seen.length; id++) {
      assertEquals(1, seen[id], "row " + id + " is written exactly once");
    }
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void anEmptyInputWritesOneEmptyShardThatCarriesTheSchema(CheckpointFormat format)
      throws Exception {
    write("nothing", CheckpointIO.write("nothing").withFormat(format), List.of());

    Manifest manifest = TestPipelines.assertHoldsExactlyItsCommit(paths("nothing"));
    assertEquals(1, manifest.shards().size());
    assertEquals(0, manifest.totalRows());
    assertEquals(List.of(), rowsOfEachListedShard(format, manifest, "nothing"));

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("nothing").from(context()))).empty();
    TestPipelines.run(read);
  }
}
