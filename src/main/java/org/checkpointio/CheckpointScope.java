package org.checkpointio;

/**
 * Where a checkpoint lives and how long it is kept.
 *
 * <ul>
 *   <li>{@link #RUN}: under {@code {root}/runs/{runId}/}; deleted at the end of every run.
 *   <li>{@link #CORRELATION}: under {@code {root}/correlations/{correlationId}/}; survives a
 *       failed attempt so that a retry with the same correlation id can reuse it.
 * </ul>
 */
public enum CheckpointScope {
  RUN,
  CORRELATION
}
