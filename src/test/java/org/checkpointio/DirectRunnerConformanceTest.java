package org.checkpointio;

/** The conformance suite on the DirectRunner. */
class DirectRunnerConformanceTest extends RunnerConformanceTest {
  DirectRunnerConformanceTest() {
    super(TestPipelines.Runner.DIRECT);
  }
}
