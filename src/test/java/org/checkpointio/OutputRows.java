package org.checkpointio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * The rows a pipeline outputs, handed to the test as they come: the DirectRunner runs in the
 * test's JVM, so a step can add them here. Unlike PAssert, it also shows what a pipeline output
 * before it failed. Close it when done.
 */
public final class OutputRows implements AutoCloseable {
  private static final Map<String, Queue<Row>> OUTPUTS = new ConcurrentHashMap<>();

  private final String key = UUID.randomUUID().toString();

  private OutputRows(PCollection<Row> rows) {
    OUTPUTS.put(key, new ConcurrentLinkedQueue<>());
    rows.apply("KeepForTheTest", ParDo.of(new Keep(key)));
  }

  /** Keeps the rows of {@code rows} for the test, once its pipeline runs. */
  public static OutputRows of(PCollection<Row> rows) {
    return new OutputRows(rows);
  }

  /** The rows output so far. */
  public List<Row> rows() {
    return new ArrayList<>(OUTPUTS.get(key));
  }

  @Override
  public void close() {
    OUTPUTS.remove(key);
  }

  private static final class Keep extends DoFn<Row, Void> {
    private final String key;

    Keep(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element Row row) {
      OUTPUTS.get(key).add(row);
    }
  }
}
