package org.checkpointio.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.checkpointio.samples.RetryWorkflow.Attempt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the two-job workflow and its retry once, and checks what each attempt did on storage. */
class RetryWorkflowTest {
  private static final String WORKFLOW = "daily/2026-11-23";

  @TempDir static Path root;

  private static RetryWorkflow.Summary summary;

  @BeforeAll
  static void runWorkflow() throws Exception {
    summary = RetryWorkflow.run("--checkpointRoot=" + root, "--checkpointCorrelationId=" + WORKFLOW);
  }

  @Test
  void attempt1ComputesTheOrdersOnceAndFailsInThePublishStep() {
    Attempt first = summary.attempts().get(0);
    assertEquals(RetryWorkflow.ORDER_COUNT, first.ordersComputed());
    assertEquals(RetryWorkflow.ORDER_COUNT, first.ordersReadByExtract());
    assertEquals("the warehouse is unavailable (simulated outage)", first.failure());
  }

  @Test
  void theLauncherDeletesTheFailedRunTreeAndKeepsTheCorrelationTree() {
    Attempt first = summary.attempts().get(0);
    assertFalse(first.reportRunTreeExists(), "runs/" + first.reportRunId() + " left behind");
    assertEquals(RetryWorkflow.ORDER_COUNT, first.correlationOrdersRows());
  }

  @Test
  void theRetryReusesTheOrdersWithoutRunningTheirProducer() {
    Attempt retry = summary.attempts().get(1);
    assertTrue(retry.reused());
    assertEquals(0, retry.ordersComputed());
    assertEquals(RetryWorkflow.ORDER_COUNT, retry.ordersReadByExtract());
    assertEquals(RetryWorkflow.ORDER_COUNT, retry.ordersReadByReport());
    assertTrue(
        retry.extractRunId().endsWith("-attempt-2-extract")
            && !retry.extractRunId().equals(summary.attempts().get(0).extractRunId()));
  }

  @Test
  void theSuccessfulAttemptPublishesAndCleansBothTrees() throws Exception {
    Attempt retry = summary.attempts().get(1);
    assertNull(retry.failure());
    assertEquals(RetryWorkflow.CUSTOMERS, retry.totalsPublished());
    assertTrue(retry.filesDeleted() > 0);
    assertEquals(0, retry.correlationOrdersRows());
    assertEquals(0, summary.treesLeft());
    try (Stream<Path> files = Files.walk(root)) {
      assertEquals(0, files.filter(Files::isRegularFile).count(), "files left under " + root);
    }
  }
}
