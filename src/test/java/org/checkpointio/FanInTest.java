package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.layout.CheckpointPaths;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several writers append to one name; a read returns the union, each row exactly once. */
class FanInTest {
  @TempDir Path root;

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  private PCollection<Row> orders(Pipeline pipeline, long from, long to) {
    return pipeline.apply(
        "Orders" + from, Create.of(TestRows.orders(from, to)).withRowSchema(TestRows.ORDER));
  }

  private void append(Pipeline pipeline, long from, long to) {
    orders(pipeline, from, to)
        .apply("Append" + from, CheckpointIO.write("orders").to(context()).withAppend());
  }

  private List<String> manifests() throws Exception {
    return TestPipelines.filesUnder(root.resolve("runs/run-1/orders")).stream()
        .filter(CheckpointPaths::isManifest)
        .toList();
  }

  @Test
  void fiveAppendsFromTwoPipelinesReadBackAsTheirUnionEachRowOnce() throws Exception {
    Pipeline first = TestPipelines.create();
    append(first, 0, 100);
    append(first, 100, 200);
    append(first, 200, 300);
    TestPipelines.run(first);
    Pipeline second = TestPipelines.create();
    append(second, 300, 350);
    append(second, 350, 400);
    TestPipelines.run(second);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(0, 400));
    TestPipelines.run(read);

    List<String> manifests = manifests();
    assertEquals(5, manifests.size(), manifests.toString());
    assertTrue(manifests.stream().allMatch(m -> m.matches("_append-[0-9a-f-]{36}\\.json")));
  }

  @Test
  void anExclusiveWriteReplacesEveryAppendWhole() throws Exception {
    Pipeline appends = TestPipelines.create();
    append(appends, 0, 100);
    append(appends, 100, 200);
    TestPipelines.run(appends);

    Pipeline exclusive = TestPipelines.create();
    // No retention: the appends it supersedes go at once, not after the readers' hour.
    orders(exclusive, 900, 910)
        .apply(CheckpointIO.write("orders").to(context()).withRetention(Duration.ZERO));
    TestPipelines.run(exclusive);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(TestRows.orders(900, 910));
    TestPipelines.run(read);
    assertEquals(List.of("_manifest-0000000001.json"), manifests());

    Pipeline more = TestPipelines.create();
    append(more, 100, 105);
    TestPipelines.run(more);
    Pipeline union = TestPipelines.create();
    List<Row> expected = new java.util.ArrayList<>(TestRows.orders(900, 910));
    expected.addAll(TestRows.orders(100, 105));
    PAssert.that(union.apply(CheckpointIO.read("orders").from(context())))
        .containsInAnyOrder(expected);
    TestPipelines.run(union);
  }

  @Test
  void anAppendInAnotherFormatThanTheCommittedOneIsRejectedAtConstruction() throws Exception {
    Pipeline arrow = TestPipelines.create();
    orders(arrow, 0, 10)
        .apply(
            CheckpointIO.write("orders")
                .to(context())
                .withAppend()
                .withFormat(CheckpointFormat.ARROW));
    TestPipelines.run(arrow);
    List<String> before = TestPipelines.filesUnder(root.resolve("runs/run-1/orders"));

    Pipeline parquet = TestPipelines.create();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                orders(parquet, 10, 20)
                    .apply(
                        CheckpointIO.write("orders")
                            .to(context())
                            .withAppend()
                            .withFormat(CheckpointFormat.PARQUET)));
    assertTrue(
        e.getMessage().contains("writes PARQUET, but the checkpoint at"), e.getMessage());
    assertTrue(e.getMessage().contains("is committed as ARROW"), e.getMessage());
    assertTrue(e.getMessage().contains(".withFormat(ARROW)"), e.getMessage());
    assertEquals(before, TestPipelines.filesUnder(root.resolve("runs/run-1/orders")));
  }

  @Test
  void twoExclusiveWritersOfOneNameInOnePipelineAreRejectedNamingBoth() {
    Pipeline pipeline = TestPipelines.create();
    orders(pipeline, 0, 10).apply("First", CheckpointIO.write("orders").to(context()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                orders(pipeline, 10, 20)
                    .apply("Second", CheckpointIO.write("orders").to(context())));
    assertTrue(e.getMessage().contains("two writers"), e.getMessage());
    assertTrue(e.getMessage().contains("Orders0"), e.getMessage());
    assertTrue(e.getMessage().contains("Orders10"), e.getMessage());
  }

  @Test
  void anExclusiveAndAnAppendingWriterOfOneNameAreRejectedNamingBoth() {
    Pipeline pipeline = TestPipelines.create();
    append(pipeline, 0, 10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                orders(pipeline, 10, 20)
                    .apply("Exclusive", CheckpointIO.write("orders").to(context())));
    assertTrue(
        e.getMessage().contains("CheckpointIO.write(\"orders\").withAppend() on Orders0"),
        e.getMessage());
    assertTrue(e.getMessage().contains("CheckpointIO.write(\"orders\") on Orders10"),
        e.getMessage());
    // Other names and other scopes are independent.
    orders(pipeline, 20, 30).apply("Other", CheckpointIO.write("customers").to(context()));
  }
}
