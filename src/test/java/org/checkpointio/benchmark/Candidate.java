package org.checkpointio.benchmark;

import java.nio.file.Path;
import java.util.Optional;

/** One way of writing the orders table and reading it back, timed separately. */
interface Candidate {
  /** For the table, e.g. "CheckpointIO PARQUET". */
  String name();

  /** "direct", "flink", or "none" for the no-Beam floor. */
  String runner();

  /** Which group's ratios it belongs to: "checkpoint", "baseline", "raw" or "floor". */
  String kind();

  /** The file format, for pairing a candidate with its baseline and floor. */
  String format();

  Measurement write(long rows, Path dir) throws Exception;

  /** Reads everything back, failing unless exactly {@code rows} rows come back. */
  Measurement read(long rows, Path dir) throws Exception;

  /**
   * Times, alone, the check of the stored files that the read includes, if the candidate's read
   * checks them; runs after {@link #read}.
   */
  default Optional<Measurement> verify(Path dir) throws Exception {
    return Optional.empty();
  }
}
