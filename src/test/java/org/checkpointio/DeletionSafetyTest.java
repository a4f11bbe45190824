package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every entry point that deletes deletes exactly what the deletion contract lets it, under every
 * hazard, and nothing else: the whole case directory (roots, sibling roots, the "outside"
 * directory) is listed with checksums before and after, without following links, and the after
 * listing must equal the before listing minus exactly the entries the entry point may delete.
 */
class DeletionSafetyTest {
  private static final Duration CASE_TIMEOUT = Duration.ofSeconds(120);
  private static final org.joda.time.Duration SWEEP_AGE = org.joda.time.Duration.standardDays(3);
  private static final Pattern SHARD_NAME = Pattern.compile("part-.+-of-.+");

  @TempDir Path temp;

  private final Map<String, Path> committed = new HashMap<>();
  private final AtomicInteger cases = new AtomicInteger();

  /** One way into the library that deletes (or, for READ, must not even see) files. */
  enum EntryPoint {
    CLEANUP_RUN("CheckpointIO.cleanup(context)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        Pipeline pipeline = TestPipelines.create();
        pipeline.apply(CheckpointIO.cleanup(context(hazard, base)));
        TestPipelines.run(pipeline);
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        return FileChecksums.under(before, hazard.runTree());
      }
    },
    CLEANUP_CORRELATION("CheckpointIO.cleanup(context).withScopes(CORRELATION)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        Pipeline pipeline = TestPipelines.create();
        pipeline.apply(
            CheckpointIO.cleanup(context(hazard, base)).withScopes(CheckpointScope.CORRELATION));
        TestPipelines.run(pipeline);
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        return FileChecksums.under(before, hazard.correlationTree());
      }
    },
    SWEEP_DRY_RUN("CheckpointIO.sweep(root).olderThan(3 days).withDryRun(true)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        sweep(hazard, base, true);
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        return Set.of();
      }
    },
    SWEEP("CheckpointIO.sweep(root).olderThan(3 days)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        sweep(hazard, base, false);
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        Set<String> deleted = new TreeSet<>();
        for (String tree : hazard.sweptTrees) {
          deleted.addAll(FileChecksums.under(before, tree));
        }
        return deleted;
      }
    },
    WRITE_GC("exclusive re-write: CheckpointIO.write(name).to(context)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        Pipeline pipeline = TestPipelines.create();
        pipeline
            .apply(Create.of(TestRows.orders(100, 130)).withRowSchema(TestRows.ORDER))
            .apply(
                CheckpointIO.write(hazard.checkpointName)
                    .to(context(hazard, base))
                    .withNumShards(2));
        TestPipelines.run(pipeline);
      }

      /**
       * Under the default retention (1 hour) and grace period (24 hours) of commit protocol v2:
       * the shard-named entries directly in the checkpoint that no manifest lists and that are
       * older than the grace period by their own (lstat) age, which every fixture file and link
       * is. The first write's manifest and shards stay: they are superseded only now.
       */
      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before)
          throws IOException {
        String directory = hazard.checkpointDirectory() + "/";
        StringBuilder manifests = new StringBuilder();
        for (String entry : directlyIn(before.keySet(), directory)) {
          if (isManifest(entry.substring(directory.length()))) {
            manifests.append(Files.readString(base.resolve(entry), StandardCharsets.UTF_8));
          }
        }
        Set<String> deleted = new TreeSet<>();
        for (String entry : directlyIn(before.keySet(), directory)) {
          String name = entry.substring(directory.length());
          if (SHARD_NAME.matcher(name).matches()
              && !manifests.toString().contains("\"" + name + "\"")) {
            deleted.add(entry);
          }
        }
        return deleted;
      }

      /** Besides the deletions: the new exclusive manifest, and the new shards it names. */
      @Override
      SortedMap<String, String> expectedAfter(
          DeletionHazard hazard,
          Path base,
          Map<String, String> before,
          Set<String> deleted,
          Map<String, String> after)
          throws IOException {
        SortedMap<String, String> expected =
            super.expectedAfter(hazard, base, before, deleted, after);
        String directory = hazard.checkpointDirectory() + "/";
        List<String> added = new ArrayList<>(directlyIn(after.keySet(), directory));
        added.removeAll(before.keySet());
        List<String> manifests =
            added.stream().filter(e -> isManifest(e.substring(directory.length()))).toList();
        if (manifests.size() != 1) {
          return expected; // not committed once: the listing comparison says what happened
        }
        String manifest = manifests.get(0);
        expected.put(manifest, after.get(manifest));
        String committed = Files.readString(base.resolve(manifest), StandardCharsets.UTF_8);
        for (String entry : added) {
          String name = entry.substring(directory.length());
          if (SHARD_NAME.matcher(name).matches() && committed.contains("\"" + name + "\"")) {
            expected.put(entry, after.get(entry));
          }
        }
        return expected;
      }

      private List<String> directlyIn(Set<String> entries, String directory) {
        return entries.stream()
            .filter(e -> e.startsWith(directory) && e.indexOf('/', directory.length()) < 0)
            .toList();
      }

      private boolean isManifest(String name) {
        return name.equals("manifest.json")
            || (name.startsWith("_manifest-") && name.endsWith(".json"));
      }
    },
    LAUNCHER("CheckpointLauncher.run(pipeline, context)") {
      @Override
      void run(DeletionHazard hazard, Path base) {
        Pipeline pipeline = TestPipelines.create();
        pipeline.apply(Create.of("a pipeline that writes nothing"));
        CheckpointLauncher.run(pipeline, context(hazard, base));
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        return FileChecksums.under(before, hazard.runTree());
      }
    },
    READ("CheckpointIO.read(name).from(context) of a name only the sibling root holds") {
      /** Fails when the read is applied, before any pipeline runs. */
      @Override
      void run(DeletionHazard hazard, Path base) {
        Pipeline pipeline = TestPipelines.create();
        CheckpointNotFoundException notFound =
            assertThrows(
                CheckpointNotFoundException.class,
                () ->
                    pipeline.apply(
                        CheckpointIO.read(SIBLING_ONLY_NAME).from(context(hazard, base))),
                "a read under " + hazard.root + " must not find " + hazard.sibling + "'s '"
                    + SIBLING_ONLY_NAME + "'");
        assertTrue(notFound.getMessage().contains(SIBLING_ONLY_NAME), notFound.getMessage());
      }

      @Override
      Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before) {
        return Set.of();
      }
    };

    static final String SIBLING_ONLY_NAME = "invoices";

    final String call;

    EntryPoint(String call) {
      this.call = call;
    }

    abstract void run(DeletionHazard hazard, Path base) throws Exception;

    /** What the contract lets this entry point delete, from the listing before it ran. */
    abstract Set<String> deleted(DeletionHazard hazard, Path base, Map<String, String> before)
        throws IOException;

    /** The listing the contract requires after this entry point ran and deleted {@code deleted}. */
    SortedMap<String, String> expectedAfter(
        DeletionHazard hazard,
        Path base,
        Map<String, String> before,
        Set<String> deleted,
        Map<String, String> after)
        throws IOException {
      SortedMap<String, String> expected = new TreeMap<>(before);
      expected.keySet().removeAll(deleted);
      return expected;
    }

    /** Whether the entry point reads manifests, so its target checkpoint must be real. */
    boolean needsRealCheckpoints() {
      return this == WRITE_GC;
    }

    static CheckpointContext context(DeletionHazard hazard, Path base) {
      return CheckpointContext.of(base.resolve(hazard.root).toString(), hazard.runId)
          .withCorrelationId(hazard.correlationId);
    }

    static void sweep(DeletionHazard hazard, Path base, boolean dryRun) {
      Pipeline pipeline = TestPipelines.create();
      pipeline.apply(
          CheckpointIO.sweep(base.resolve(hazard.root).toString())
              .olderThan(SWEEP_AGE)
              .withDryRun(dryRun));
      TestPipelines.run(pipeline);
    }
  }

  /** Which hazards each entry point is run against. */
  private static Map<EntryPoint, List<DeletionHazard>> table() {
    Map<EntryPoint, List<DeletionHazard>> table = new LinkedHashMap<>();
    List<DeletionHazard> cleanup = new ArrayList<>(DeletionHazard.all());
    cleanup.add(DeletionHazard.explicitIdOfForeignTree());
    table.put(EntryPoint.CLEANUP_RUN, cleanup);
    table.put(
        EntryPoint.CLEANUP_CORRELATION,
        List.of(
            DeletionHazard.linkToOutsideDirectory(),
            DeletionHazard.linkToOutsideFile(),
            DeletionHazard.linkToFileInAnotherTree(),
            DeletionHazard.scopeTreeIsLinkToOutside(),
            DeletionHazard.globRoot("g[1]", "g1"),
            DeletionHazard.globCharactersInIdsAndNames(),
            DeletionHazard.encodingLookalikeIdsAndNames(),
            DeletionHazard.foreignEntriesUnderScopes(),
            DeletionHazard.explicitIdOfForeignTree()));
    List<DeletionHazard> sweep = new ArrayList<>(DeletionHazard.all());
    sweep.add(DeletionHazard.freshLinkToOldFile());
    sweep.add(DeletionHazard.treesMarkedOnlyByUncommittedFiles());
    table.put(EntryPoint.SWEEP_DRY_RUN, sweep);
    table.put(EntryPoint.SWEEP, sweep);
    table.put(EntryPoint.WRITE_GC, DeletionHazard.whereScopeTreesAreDirectories());
    table.put(EntryPoint.LAUNCHER, cleanup);
    table.put(EntryPoint.READ, DeletionHazard.globRoots());
    return table;
  }

  @TestFactory
  Stream<DynamicTest> everyDeletingEntryPointDeletesExactlyWhatTheContractAllowsUnderEveryHazard() {
    List<DynamicTest> tests = new ArrayList<>();
    table()
        .forEach(
            (entryPoint, hazards) -> {
              for (DeletionHazard hazard : hazards) {
                tests.add(
                    DynamicTest.dynamicTest(
                        entryPoint.call + " | " + hazard,
                        () ->
                            assertTimeoutPreemptively(
                                CASE_TIMEOUT, () -> check(entryPoint, hazard))));
              }
            });
    return tests.stream();
  }

  private void check(EntryPoint entryPoint, DeletionHazard hazard) throws Exception {
    Path base = Files.createDirectory(temp.resolve("case-" + cases.incrementAndGet()));
    CaseDirectory dir =
        new CaseDirectory(base, this::committedCheckpoint, entryPoint.needsRealCheckpoints());
    hazard.layOut(dir);
    if (entryPoint == EntryPoint.READ) {
      dir.committedCheckpoint(
          hazard.sibling + "/runs/r1/" + EntryPoint.SIBLING_ONLY_NAME,
          "r1",
          "r1",
          EntryPoint.SIBLING_ONLY_NAME,
          EntryPoint.SIBLING_ONLY_NAME);
    }
    SortedMap<String, String> before = FileChecksums.of(base);
    Set<String> deleted = entryPoint.deleted(hazard, base, before);

    Throwable failure = null;
    try {
      entryPoint.run(hazard, base);
    } catch (Exception | AssertionError e) {
      failure = e;
    }

    SortedMap<String, String> after = FileChecksums.of(base);
    SortedMap<String, String> expected =
        entryPoint.expectedAfter(hazard, base, before, deleted, after);
    String report =
        String.format(
            "%s under hazard '%s' (case directory %s)%s%nmay delete exactly:%s%ndifference from"
                + " what the contract requires:%s",
            entryPoint.call,
            hazard,
            base,
            failure == null ? "" : "\nfailed: " + failure,
            lines(deleted),
            FileChecksums.diff(before, expected, after));
    if (failure != null) {
      throw new AssertionError(report, failure);
    }
    if (!expected.equals(after)) {
      fail(report);
    }
  }

  private static String lines(Set<String> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach(entry -> out.append("\n  ").append(entry));
    return entries.isEmpty() ? "\n  (nothing)" : out.toString();
  }

  /**
   * A checkpoint committed by a real pipeline, written once per run id and name under a root of
   * its own and copied into the cases that need one.
   */
  private Path committedCheckpoint(
      String runId, String runSegment, String name, String nameSegment) {
    return committed.computeIfAbsent(
        runId + "\n" + name,
        key -> {
          Path root = temp.resolve("committed-" + committed.size());
          Pipeline pipeline = TestPipelines.create();
          pipeline
              .apply(Create.of(TestRows.orders(0, 40)).withRowSchema(TestRows.ORDER))
              .apply(
                  CheckpointIO.write(name)
                      .to(CheckpointContext.of(root.toString(), runId))
                      .withNumShards(2));
          TestPipelines.run(pipeline);
          Path directory = root.resolve("runs").resolve(runSegment).resolve(nameSegment);
          assertTrue(
              Files.isRegularFile(directory.resolve("_manifest-0000000001.json")),
              "the write of '" + name + "' for run '" + runId + "' committed at " + directory);
          return directory;
        });
  }
}
