package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million rows through write and read, in each format, in a JVM whose heap is capped at 512 MiB
 * (Surefire's "bounded-heap" execution): the data streams through, it is never gathered in memory.
 */
@Tag("bounded-heap")
class LargeRoundTripTest {
  private static final long ROWS = 1_000_000;
  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aMillionRowsRoundTripWithTheHeapCappedAt512MiB(CheckpointFormat format) {
    assertTrue(
        Runtime.getRuntime().maxMemory() <= 512L * 1024 * 1024,
        "this test must run with -Xmx512m, but max heap is " + Runtime.getRuntime().maxMemory());
    CheckpointContext context = CheckpointContext.of(root.toString(), "big");
    // The DirectRunner's own checks keep a copy of every element; they are not the data path.
    String[] args = {"--enforceImmutability=false", "--enforceEncodability=false"};

    Pipeline write = TestPipelines.create(args);
    Schema schema = TestRows.ORDER;
    write
        .apply(GenerateSequence.from(0).to(ROWS))
        .apply(MapElements.into(TypeDescriptors.rows()).via(TestRows::order))
        .setRowSchema(schema)
        .apply(CheckpointIO.write("orders").to(context).withFormat(format));
    PipelineResult written = TestPipelines.run(write);
    assertEquals(ROWS, TestPipelines.counter(written, CheckpointMetrics.rowsWritten("orders")));

    Pipeline read = TestPipelines.create(args);
    PCollection<Row> rows = read.apply(CheckpointIO.read("orders").from(context));
    PAssert.thatSingleton(rows.apply(Count.globally())).isEqualTo(ROWS);
    PAssert.thatSingleton(
            rows.apply(MapElements.into(TypeDescriptors.longs()).via(r -> r.getInt64("id")))
                .apply(Sum.longsGlobally()))
        .isEqualTo(ROWS * (ROWS - 1) / 2);
    PAssert.thatSingleton(
            rows.apply(
                    MapElements.into(TypeDescriptors.longs())
                        .via(r -> r.equals(TestRows.order(r.getInt64("id"))) ? 1L : 0L))
                .apply(Sum.longsGlobally()))
        .isEqualTo(ROWS);
    TestPipelines.run(read);
  }
}
