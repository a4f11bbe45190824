package org.checkpointio.samples;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** What the samples read back from a finished pipeline's metrics. */
final class SampleMetrics {
  private SampleMetrics() {}

  /**
   * A counter's value, 0 if it never counted. Attempted, not committed: every runner reports it,
   * and on the DirectRunner the two agree.
   */
  static long counter(PipelineResult result, String namespace, String name) {
    MetricsFilter filter =
        MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build();
    long sum = 0;
    for (MetricResult<Long> counter : result.metrics().queryMetrics(filter).getCounters()) {
      sum += counter.getAttempted();
    }
    return sum;
  }
}
