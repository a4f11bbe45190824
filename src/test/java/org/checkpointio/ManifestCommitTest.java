package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest is created once, whole, and only if its name is free: the commit's compare-and-swap. */
class ManifestCommitTest {
  @TempDir Path root;

  private CheckpointPaths paths() {
    return CheckpointContext.of(root.toString(), "run-1").paths(CheckpointScope.RUN, "orders");
  }

  @Test
  void ofWritersRacingForOneVersionExactlyOneCreatesItAndItStaysWhole() throws Exception {
    CheckpointPaths paths = paths();
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        Manifest manifest = TestManifests.exclusive(paths, "writer-" + i, 1);
        Callable<Boolean> commit =
            () -> ManifestFiles.createIfAbsent(manifest, paths.exclusiveManifest(1));
        results.add(pool.submit(commit));
      }
      int created = 0;
      for (Future<Boolean> result : results) {
        created += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, created);
    } finally {
      pool.shutdownNow();
    }
    Manifest live = CommittedManifests.exclusive(paths).orElseThrow();
    assertTrue(live.writeId().startsWith("writer-"), live.writeId());
    try (var files = Files.list(Path.of(paths.directory().toString()))) {
      assertEquals(
          List.of("_manifest-0000000001.json"),
          files.map(f -> f.getFileName().toString()).toList(),
          "no staged file is left behind");
    }
  }

  @Test
  void theReadRuleTakesTheHighestVersionAndTheAppendsItDoesNotSupersede() throws Exception {
    CheckpointPaths paths = paths();
    ManifestFiles.createIfAbsent(TestManifests.append(paths, "a1"), paths.appendManifest("a1"));
    ManifestFiles.createIfAbsent(
        TestManifests.builder(paths, "e1").setVersion(1).setSupersedes(List.of("a1")).build(),
        paths.exclusiveManifest(1));
    ManifestFiles.createIfAbsent(TestManifests.append(paths, "a2"), paths.appendManifest("a2"));
    ManifestFiles.createIfAbsent(
        TestManifests.builder(paths, "e2").setVersion(2).build(), paths.exclusiveManifest(2));

    // Only the highest version counts, with its own supersedes: e1's no longer does. (A commit
    // through the library lists every append present, so it would name a1 again.)
    List<String> live = CommittedManifests.read(paths).stream().map(Manifest::writeId).toList();
    assertEquals("e2", live.get(0));
    assertEquals(List.of("a1", "a2"), live.subList(1, 3).stream().sorted().toList());
    assertFalse(
        ManifestFiles.createIfAbsent(
            TestManifests.exclusive(paths, "late", 2), paths.exclusiveManifest(2)));
    assertEquals("e2", CommittedManifests.exclusive(paths).orElseThrow().writeId());
  }
}
