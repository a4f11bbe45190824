package org.checkpointio;

import org.junit.jupiter.api.Tag;

/** The conformance suite on the SparkRunner, local[2] (Surefire execution "spark"). */
@Tag("spark")
class SparkRunnerConformanceTest extends RunnerConformanceTest {
  SparkRunnerConformanceTest() {
    super(TestPipelines.Runner.SPARK);
  }
}
