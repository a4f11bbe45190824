package org.checkpointio.write;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Fixed sharding: deals the rows of a bundle round-robin over {@code numShards} shard numbers,
 * starting at a random one, so that small bundles do not all fill shard 0.
 */
final class AssignShards extends DoFn<Row, KV<Integer, Row>> {
  private final int numShards;
  private transient int next;

  AssignShards(int numShards) {
    this.numShards = numShards;
  }

  @StartBundle
  public void startBundle() {
    next = ThreadLocalRandom.current().nextInt(numShards);
  }

  @ProcessElement
  public void process(@Element Row row, OutputReceiver<KV<Integer, Row>> out) {
    out.output(KV.of(next, row));
    next = (next + 1) % numShards;
  }
}
