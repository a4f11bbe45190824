package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One shard is read by several workers: a read splits a shard by Parquet row group or Arrow
 * record batch, and each split, read on its own, yields its own rows and no other split's.
 */
class SplitReadTest {
  private static final int ROWS = 10_000;
  @TempDir Path root;

  /** One shard of several blocks: small row groups or small record batches. */
  private static CheckpointIO.Write smallBlocks(CheckpointFormat format) {
    CheckpointIO.Write write = CheckpointIO.write("orders").withFormat(format).withNumShards(1);
    return format == CheckpointFormat.PARQUET
        ? write.withRowGroupBytes(64 * 1024)
        : write.withBatchRows(3_000);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aShardSplitsByBlockAndEverySplitReadsItsOwnRows(CheckpointFormat format) throws Exception {
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    List<Row> rows = TestRows.orders(0, ROWS);
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows).withRowSchema(TestRows.ORDER))
        .apply(smallBlocks(format).to(context));
    TestPipelines.run(write);

    List<String> shards = ShardReads.shards(context, CheckpointScope.RUN, "orders");
    assertEquals(1, shards.size());
    List<List<Row>> splits =
        ShardReads.readEachSplit(format, TestRows.ORDER, TestRows.ORDER, shards.get(0));
    assertTrue(splits.size() >= 3, "expected several blocks, got " + sizes(splits));
    if (format == CheckpointFormat.ARROW) {
      assertEquals(List.of(3_000, 3_000, 3_000, 1_000), sizes(splits));
    }
    Set<Row> seen = new HashSet<>();
    for (List<Row> split : splits) {
      assertFalse(split.isEmpty());
      for (Row row : split) {
        assertTrue(seen.add(row), "read by two splits: " + row);
      }
    }
    assertEquals(new HashSet<>(rows), seen);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context)))
        .satisfies(new EqualsAsSet(rows));
    TestPipelines.run(read);
  }

  /** containsInAnyOrder, in linear time: these rows are distinct. */
  private static final class EqualsAsSet implements SerializableFunction<Iterable<Row>, Void> {
    private final List<Row> expected;

    EqualsAsSet(List<Row> expected) {
      this.expected = expected;
    }

    @Override
    public Void apply(Iterable<Row> actual) {
      List<Row> all = new ArrayList<>();
      actual.forEach(all::add);
      assertEquals(expected.size(), all.size());
      assertEquals(new HashSet<>(expected), new HashSet<>(all));
      return null;
    }
  }

  private static List<Integer> sizes(List<List<Row>> splits) {
    List<Integer> sizes = new ArrayList<>();
    splits.forEach(split -> sizes.add(split.size()));
    return sizes;
  }
}
