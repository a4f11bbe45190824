package org.checkpointio.cleanup;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.checkpointio.SweptTree;
import org.joda.time.Duration;

/** Lists the scope trees under a root and sweeps the expired ones, in parallel across trees. */
public final class SweepExpiredTrees extends PTransform<PBegin, PCollection<SweptTree>> {
  private final String root;
  private final Duration maxAge;
  private final boolean dryRun;

  public SweepExpiredTrees(String root, Duration maxAge, boolean dryRun) {
    this.root = root;
    this.maxAge = maxAge;
    this.dryRun = dryRun;
  }

  @Override
  public PCollection<SweptTree> expand(PBegin input) {
    return input
        .apply("Root", Create.of(root).withCoder(StringUtf8Coder.of()))
        .apply("FindTrees", ParDo.of(new FindScopeTrees()))
        .apply("SpreadTrees", Reshuffle.viaRandomKey())
        .apply("SweepExpired", ParDo.of(new SweepExpiredTree(root, maxAge, dryRun)));
  }
}
