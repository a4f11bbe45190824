package org.checkpointio.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Runs the benchmark at a tiny size so that it cannot rot; its figures mean nothing here. */
class BenchmarkSmokeTest {
  @Test
  void everyCandidateWritesAndReadsAndTheReportHasItsRatios() throws Exception {
    String report = CheckpointBenchmark.run(Map.of("rows", "2000,4000", "reps", "1"));
    assertTrue(report.contains("| 2,000 | CheckpointIO PARQUET | direct | write |"), report);
    assertTrue(report.contains("| 4,000 | FileIO+ParquetIO | direct | read |"), report);
    assertTrue(report.contains("| 2,000 | parquet-java | none | read |"), report);
    assertTrue(report.contains("| 2,000 | runner floor | direct | read |"), report);
    assertTrue(report.contains("CheckpointIO PARQUET ÷ FileIO+ParquetIO"), report);
    assertTrue(report.contains("CheckpointIO PARQUET ÷ parquet-java"), report);
    assertTrue(report.contains("| 2,000 | CheckpointIO ARROW | direct | read |"), report);
    assertTrue(report.contains("CheckpointIO ARROW ÷ Arrow Java"), report);
    assertTrue(report.contains("| 2,000 | direct | CheckpointIO ARROW |"), report);
    assertTrue(report.contains("time at 4,000 ÷ time at 2,000 rows"), report);
    assertTrue(report.contains("| read above floor s |"), report);
    assertTrue(report.contains("| write bound | read bound |"), report);
    assertTrue(report.contains("| CRC32C pass alone s | of the read |"), report);
    assertTrue(
        Pattern.compile(
                "\\| 4,000 \\| direct \\| CheckpointIO PARQUET \\| [0-9.]+ \\| [0-9.]+ \\| [0-9.]+% \\|")
            .matcher(report)
            .find(),
        report);
  }
}
