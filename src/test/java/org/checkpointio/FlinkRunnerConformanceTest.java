package org.checkpointio;

import org.junit.jupiter.api.Tag;

/**
 * The conformance suite on the FlinkRunner, local with parallelism 2 (Surefire execution
 * "flink").
 */
@Tag("flink")
class FlinkRunnerConformanceTest extends RunnerConformanceTest {
  FlinkRunnerConformanceTest() {
    super(TestPipelines.Runner.FLINK);
  }
}
