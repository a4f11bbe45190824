package org.checkpointio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.OutputRows;
import org.checkpointio.TestPipelines;

/**
 * Reads a checkpoint back the way a user does, with {@code CheckpointIO.read} in a pipeline on
 * the DirectRunner, and hands the rows to the test: empty when the checkpoint is not found.
 */
final class ReadBack {
  private ReadBack() {}

  static Optional<List<Row>> rows(CheckpointContext context, String name) {
    Pipeline pipeline = TestPipelines.create();
    PCollection<Row> rows;
    try {
      rows = pipeline.apply(CheckpointIO.read(name).from(context));
    } catch (CheckpointNotFoundException notFound) {
      return Optional.empty();
    }
    try (OutputRows output = OutputRows.of(rows)) {
      TestPipelines.run(pipeline);
      return Optional.of(output.rows());
    }
  }

  /** Checks that {@code actual} holds the same rows as {@code expected}, each as often. */
  static void assertSameRows(List<Row> expected, List<Row> actual, String what) {
    Comparator<Row> byId = Comparator.comparingLong(row -> row.getInt64("id"));
    assertEquals(expected.size(), actual.size(), what);
    assertEquals(
        expected.stream().sorted(byId).toList(), actual.stream().sorted(byId).toList(), what);
  }

  static List<Row> concat(List<Row> first, List<Row> second) {
    List<Row> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
