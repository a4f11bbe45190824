package org.checkpointio.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.checkpointio.CheckpointFormat;

/**
 * Measures CheckpointIO against what a Beam user writes instead and against the no-Beam floor,
 * in one JVM on the same generated data, and prints a table of medians and ratios. Every
 * candidate first runs once at a tenth of the smallest size, unmeasured, so that no candidate's
 * first repetition pays for loading and compiling what the others then share.
 *
 * <p>Options: {@code --rows=1000000,4000000} {@code --reps=3} {@code --runners=direct,flink}
 * {@code --kinds=checkpoint,baseline,raw,floor} (which candidates: CheckpointIO, the
 * FileIO/ParquetIO baseline, the no-Beam floors, the runner's own cost with no file) {@code
 * --out=target/benchmark.md}.
 */
public final class CheckpointBenchmark {
  private CheckpointBenchmark() {}

  /** Medians of one candidate at one size; {@code verify} where the candidate verifies shards. */
  record Result(
      Candidate candidate,
      long rows,
      Measurement write,
      Measurement read,
      Optional<Measurement> verify) {
    double total() {
      return write.seconds() + read.seconds();
    }
  }

  /** Exits when done, or failed: a runner's worker threads would otherwise keep the JVM alive. */
  public static void main(String[] args) {
    int status = 1;
    try {
      Map<String, String> options = parse(args);
      String report = run(options);
      System.out.println(report);
      Path out = Path.of(options.getOrDefault("out", "target/benchmark.md"));
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report);
      System.out.println("Written to " + out.toAbsolutePath());
      status = 0;
    } catch (Throwable e) {
      e.printStackTrace();
    } finally {
      System.exit(status);
    }
  }

  static String run(Map<String, String> options) throws Exception {
    long[] sizes =
        Arrays.stream(options.getOrDefault("rows", "1000000,4000000").split(","))
            .mapToLong(Long::parseLong)
            .toArray();
    int reps = Integer.parseInt(options.getOrDefault("reps", "3"));
    List<String> runners = List.of(options.getOrDefault("runners", "direct").split(","));
    List<String> kinds =
        List.of(options.getOrDefault("kinds", "checkpoint,baseline,raw,floor").split(","));
    List<Candidate> candidates =
        candidates(runners).stream().filter(c -> kinds.contains(c.kind())).toList();

    long warmUpRows = Math.max(1, Arrays.stream(sizes).min().orElse(1) / 10);
    for (Candidate candidate : candidates) {
      repetition(candidate, warmUpRows);
    }
    List<Result> results = new ArrayList<>();
    for (long rows : sizes) {
      results.addAll(measure(candidates, rows, reps));
    }
    return report(results, reps);
  }

  private static List<Candidate> candidates(List<String> runners) {
    List<Candidate> candidates = new ArrayList<>();
    for (String runner : runners) {
      for (CheckpointFormat format : CheckpointFormat.values()) {
        candidates.add(new CheckpointCandidate(format, runner));
      }
      candidates.add(new ParquetIoBaseline(runner));
      candidates.add(new RunnerFloor(runner));
    }
    candidates.add(new RawParquetFloor());
    candidates.add(new RawArrowFloor());
    return candidates;
  }

  /**
   * Repetition by repetition, every candidate once in turn: a spell of load on the machine then
   * slows all candidates alike instead of all repetitions of one.
   */
  private static List<Result> measure(List<Candidate> candidates, long rows, int reps)
      throws Exception {
    List<List<Repetition>> byCandidate = new ArrayList<>();
    candidates.forEach(candidate -> byCandidate.add(new ArrayList<>()));
    for (int rep = 0; rep < reps; rep++) {
      for (int c = 0; c < candidates.size(); c++) {
        Repetition run = repetition(candidates.get(c), rows);
        byCandidate.get(c).add(run);
        System.err.printf(
            Locale.ROOT,
            "%,d rows, repetition %d of %d, %s on %s: write %.2f s, read %.2f s%n",
            rows,
            rep + 1,
            reps,
            candidates.get(c).name(),
            candidates.get(c).runner(),
            run.write().seconds(),
            run.read().seconds());
      }
    }
    List<Result> results = new ArrayList<>();
    for (int c = 0; c < candidates.size(); c++) {
      List<Repetition> runs = byCandidate.get(c);
      results.add(
          new Result(
              candidates.get(c),
              rows,
              median(runs.stream().map(Repetition::write).toList()),
              median(runs.stream().map(Repetition::read).toList()),
              runs.get(0).verify().isEmpty()
                  ? Optional.empty()
                  : Optional.of(
                      median(runs.stream().map(run -> run.verify().orElseThrow()).toList()))));
    }
    return results;
  }

  /** One write, the read of what it wrote, and the verification of its files alone. */
  record Repetition(Measurement write, Measurement read, Optional<Measurement> verify) {}

  /** One repetition, in a directory of its own. */
  private static Repetition repetition(Candidate candidate, long rows) throws Exception {
    Path dir = Files.createTempDirectory("checkpointio-bench");
    try {
      Measurement write = candidate.write(rows, dir);
      Measurement read = candidate.read(rows, dir);
      return new Repetition(write, read, candidate.verify(dir));
    } finally {
      deleteRecursively(dir);
    }
  }

  private static Measurement median(List<Measurement> measurements) {
    List<Measurement> sorted = new ArrayList<>(measurements);
    sorted.sort(Comparator.comparingDouble(Measurement::seconds));
    return sorted.get(sorted.size() / 2);
  }

  private static String report(List<Result> results, int reps) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Medians of %d repetitions; %s, %d cores, max heap %d MiB.%n%n",
            reps,
            System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory() >> 20));
    out.append(
        "| rows | candidate | runner | op | seconds | rows/s | MB/s | bytes on disk | peak heap MiB |\n");
    out.append("|---:|---|---|---|---:|---:|---:|---:|---:|\n");
    for (Result result : results) {
      row(out, result, "write", result.write());
      row(out, result, "read", result.read());
    }
    out.append("\n| rows | runner | ratio | write | read | write+read |\n|---:|---|---|---:|---:|---:|\n");
    for (Result result : results) {
      if (!result.candidate().kind().equals("checkpoint")) {
        continue;
      }
      find(results, result, "baseline")
          .ifPresent(baseline -> ratio(out, result, baseline, "÷ " + baseline.candidate().name()));
      find(results, result, "raw")
          .ifPresent(raw -> ratio(out, result, raw, "÷ " + raw.candidate().name()));
    }
    speedups(out, results);
    aboveFloor(out, results);
    verification(out, results);
    scaling(out, results);
    return out.toString();
  }

  private static Optional<Result> find(List<Result> results, Result of, String kind) {
    return results.stream()
        .filter(r -> r.rows() == of.rows() && r.candidate().kind().equals(kind))
        .filter(r -> kind.equals("floor") || r.candidate().format().equals(of.candidate().format()))
        .filter(r -> kind.equals("raw") || r.candidate().runner().equals(of.candidate().runner()))
        .findFirst();
  }

  private static void row(StringBuilder out, Result result, String op, Measurement m) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %,d | %s | %s | %s | %.2f | %,.0f | %.1f | %,d | %d |%n",
            result.rows(),
            result.candidate().name(),
            result.candidate().runner(),
            op,
            m.seconds(),
            result.rows() / m.seconds(),
            m.bytesOnDisk() / 1e6 / m.seconds(),
            m.bytesOnDisk(),
            m.peakHeapBytes() >> 20));
  }

  private static void ratio(StringBuilder out, Result result, Result other, String label) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %,d | %s | %s %s | %.2f | %.2f | %.2f |%n",
            result.rows(),
            result.candidate().runner(),
            result.candidate().name(),
            label,
            result.write().seconds() / other.write().seconds(),
            result.read().seconds() / other.read().seconds(),
            result.total() / other.total()));
  }

  /** How much faster each format is than PARQUET through CheckpointIO (higher is faster). */
  /**
   * ARROW's speed-up over PARQUET and, where the runner floor ran, the bound on it: PARQUET's time
   * over the floor's, the speed-up of a format that cost nothing.
   */
  private static void speedups(StringBuilder out, List<Result> results) {
    out.append("\n| rows | runner | speed-up over CheckpointIO PARQUET | write | read")
        .append(" | write bound | read bound |\n|---:|---|---|---:|---:|---:|---:|\n");
    boolean bounded = false;
    for (Result r : results) {
      if (!r.candidate().kind().equals("checkpoint") || r.candidate().format().equals("PARQUET")) {
        continue;
      }
      Optional<Result> parquet =
          results.stream()
              .filter(p -> p.rows() == r.rows() && p.candidate().kind().equals("checkpoint"))
              .filter(p -> p.candidate().format().equals("PARQUET"))
              .filter(p -> p.candidate().runner().equals(r.candidate().runner()))
              .findFirst();
      if (parquet.isEmpty()) {
        continue;
      }
      Measurement write = parquet.get().write();
      Measurement read = parquet.get().read();
      Optional<Result> floor = find(results, r, "floor");
      bounded |= floor.isPresent();
      out.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %s | %s | %s | %s |%n",
              r.rows(),
              r.candidate().runner(),
              r.candidate().name(),
              times(write.seconds() / r.write().seconds()),
              times(read.seconds() / r.read().seconds()),
              floor.map(f -> times(write.seconds() / f.write().seconds())).orElse("–"),
              floor.map(f -> times(read.seconds() / f.read().seconds())).orElse("–")));
    }
    if (bounded) {
      out.append("\nA bound is CheckpointIO PARQUET's time over the runner floor's: the speed-up")
          .append(" a format that cost nothing would reach on that runner.\n");
    }
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  /**
   * What each CheckpointIO candidate costs above its runner's floor (the same rows generated and
   * dropped or counted, no file), and the ARROW-over-PARQUET speed-up of that part alone.
   */
  private static void aboveFloor(StringBuilder out, List<Result> results) {
    StringBuilder rows = new StringBuilder();
    for (Result r : results) {
      if (!r.candidate().kind().equals("checkpoint")) {
        continue;
      }
      Optional<Result> floor = find(results, r, "floor");
      if (floor.isEmpty()) {
        continue;
      }
      double write = r.write().seconds() - floor.get().write().seconds();
      double read = r.read().seconds() - floor.get().read().seconds();
      rows.append(
          String.format(
              Locale.ROOT,
              "| %,d | %s | %s | %.2f | %.2f | %.2f | %.2f |%n",
              r.rows(),
              r.candidate().runner(),
              r.candidate().name(),
              floor.get().write().seconds(),
              write,
              floor.get().read().seconds(),
              read));
    }
    if (rows.length() > 0) {
      out.append("\n| rows | runner | candidate | floor write s | write above floor s")
          .append(" | floor read s | read above floor s |\n|---:|---|---|---:|---:|---:|---:|\n")
          .append(rows);
    }
  }

  /**
   * What verifying the shards costs a read: one CRC32C pass over every shard file the checkpoint
   * lists, timed alone on one thread (the read spreads it over its workers), against the read that
   * includes it.
   */
  private static void verification(StringBuilder out, List<Result> results) {
    StringBuilder rows = new StringBuilder();
    for (Result r : results) {
      r.verify()
          .ifPresent(
              verify ->
                  rows.append(
                      String.format(
                          Locale.ROOT,
                          "| %,d | %s | %s | %.2f | %.3f | %.1f%% |%n",
                          r.rows(),
                          r.candidate().runner(),
                          r.candidate().name(),
                          r.read().seconds(),
                          verify.seconds(),
                          100 * verify.seconds() / r.read().seconds())));
    }
    if (rows.length() > 0) {
      out.append("\n| rows | runner | candidate | read s | CRC32C pass alone s | of the read |")
          .append("\n|---:|---|---|---:|---:|---:|\n")
          .append(rows);
    }
  }

  /** How time grows with rows: each candidate's time at the largest size over the smallest. */
  private static void scaling(StringBuilder out, List<Result> results) {
    long smallest = results.stream().mapToLong(Result::rows).min().orElse(0);
    long largest = results.stream().mapToLong(Result::rows).max().orElse(0);
    if (smallest == largest) {
      return;
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%n| candidate | runner | time at %,d ÷ time at %,d rows (%.1f× the rows) |%n|---|---|---:|%n",
            largest, smallest, (double) largest / smallest));
    Map<String, Result> small = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.rows() == smallest) {
        small.put(r.candidate().name() + "/" + r.candidate().runner(), r);
      }
    }
    for (Result r : results) {
      Result base = small.get(r.candidate().name() + "/" + r.candidate().runner());
      if (r.rows() == largest && base != null) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %.2f |%n",
                r.candidate().name(),
                r.candidate().runner(),
                r.total() / base.total()));
      }
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException(
            "Unknown argument '" + arg + "': use --rows=..., --reps=..., --runners=..., --kinds=..., --out=...");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
