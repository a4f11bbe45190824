package org.checkpointio.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.TestPipelines;

/**
 * Reads a checkpoint back the way a user does, with {@code CheckpointIO.read} in a pipeline on
 * the DirectRunner, and hands the rows to the test: empty when the checkpoint is not found.
 */
final class ReadBack {
  /** Rows by read: the DirectRunner runs in this JVM, so its step adds them here. */
  private static final Map<String, Queue<Row>> READS = new ConcurrentHashMap<>();

  private ReadBack() {}

  static Optional<List<Row>> rows(CheckpointContext context, String name) {
    String read = UUID.randomUUID().toString();
    Queue<Row> rows = new ConcurrentLinkedQueue<>();
    READS.put(read, rows);
    try {
      Pipeline pipeline = TestPipelines.create();
      try {
        pipeline
            .apply(CheckpointIO.read(name).from(context))
            .apply(ParDo.of(new Keep(read)));
      } catch (CheckpointNotFoundException notFound) {
        return Optional.empty();
      }
      TestPipelines.run(pipeline);
      return Optional.of(new ArrayList<>(rows));
    } finally {
      READS.remove(read);
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

  private static final class Keep extends DoFn<Row, Void> {
    private final String read;

    Keep(String read) {
      this.read = read;
    }

    @ProcessElement
    public void process(@Element Row row) {
      READS.get(read).add(row);
    }
  }
}
