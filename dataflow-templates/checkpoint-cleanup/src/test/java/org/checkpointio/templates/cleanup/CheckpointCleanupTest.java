package org.checkpointio.templates.cleanup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import org.checkpointio.TreeAge;
import org.checkpointio.templates.CapturedLogs;
import org.checkpointio.templates.TemplateMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint-cleanup template's main, run on the DirectRunner as a user would run it. */
class CheckpointCleanupTest {
  private static final Instant NOW = Instant.now();
  private static final Instant OLD = NOW.minus(10, ChronoUnit.DAYS);

  @TempDir Path root;

  private void file(String path, int bytes, Instant modified) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  /** A failed run and its workflow's correlation (recent), another run, and two old trees. */
  @BeforeEach
  void trees() throws IOException {
    file("runs/failed-run/orders/manifest.json", 10, NOW);
    file("runs/failed-run/orders/part-a-00000-of-00001.parquet", 90, NOW);
    file("correlations/daily%2F2026-11-23/orders/manifest.json", 20, NOW);
    file("runs/other-run/orders/manifest.json", 30, NOW);
    file("runs/old-run/orders/manifest.json", 40, OLD);
    file("correlations/old-workflow/orders/manifest.json", 50, OLD);
  }

  private List<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private String[] args(String... parameters) {
    String[] all = new String[parameters.length + 2];
    all[0] = "--runner=DirectRunner";
    all[1] = "--checkpointRoot=" + root;
    System.arraycopy(parameters, 0, all, 2, parameters.length);
    return all;
  }

  @Test
  void deletesTheRunAndCorrelationTreesGivenAndNothingElse() throws IOException {
    CheckpointCleanup.main(args("--runId=failed-run", "--correlationId=daily/2026-11-23"));
    assertEquals(
        List.of(
            "correlations/old-workflow/orders/manifest.json",
            "runs/old-run/orders/manifest.json",
            "runs/other-run/orders/manifest.json"),
        files());
  }

  /**
   * The template deletes through the library's deletion, so it never leaves its tree: a link in
   * the run tree is deleted as a link, an old tree that is itself a link is not swept, and a root
   * named like a glob never reaches the sibling it would match.
   */
  @Test
  void neverFollowsALinkOrMatchesASiblingOfAGlobNamedRoot() throws IOException {
    Path outside = Files.createDirectories(root.resolve("outside"));
    Files.writeString(outside.resolve("precious.txt"), "precious");
    Path globRoot = root.resolve("g[1]");
    Path sibling = root.resolve("g1");
    for (Path base : List.of(globRoot, sibling)) {
      Path tree = Files.createDirectories(base.resolve("runs/failed-run/orders"));
      Files.writeString(tree.resolve("_manifest-0000000001.json"), "{}");
    }
    Files.createSymbolicLink(
        globRoot.resolve("runs/failed-run/orders/to-outside"), outside);
    Files.createSymbolicLink(globRoot.resolve("runs/linked-run"), outside);
    Files.setLastModifiedTime(globRoot.resolve("runs/failed-run/orders/_manifest-0000000001.json"),
        FileTime.from(OLD));

    CheckpointCleanup.main(
        new String[] {"--runner=DirectRunner", "--checkpointRoot=" + globRoot, "--runId=failed-run"});
    CheckpointCleanup.main(
        new String[] {"--runner=DirectRunner", "--checkpointRoot=" + globRoot, "--olderThan=72h"});

    assertEquals("precious", Files.readString(outside.resolve("precious.txt")));
    assertTrue(Files.exists(sibling.resolve("runs/failed-run/orders/_manifest-0000000001.json")));
    assertTrue(Files.notExists(globRoot.resolve("runs/failed-run")));
    assertTrue(Files.isSymbolicLink(globRoot.resolve("runs/linked-run")), "not a tree it wrote");
  }

  @Test
  void sweepDeletesEveryTreeOlderThanTheAgeAndKeepsRecentOnes() throws IOException {
    CheckpointCleanup.main(args("--olderThan=72h"));
    assertEquals(
        List.of(
            "correlations/daily%2F2026-11-23/orders/manifest.json",
            "runs/failed-run/orders/manifest.json",
            "runs/failed-run/orders/part-a-00000-of-00001.parquet",
            "runs/other-run/orders/manifest.json"),
        files());
  }

  @Test
  void dryRunLogsWhatWouldGoAndDeletesNothing() throws IOException {
    List<String> before = files();
    List<String> logged;
    try (CapturedLogs logs = CapturedLogs.start()) {
      CheckpointCleanup.main(
          args("--correlationId=daily/2026-11-23", "--olderThan=3d", "--dryRun=true"));
      logged = logs.messages();
    }
    assertEquals(before, files());
    List<String> dryRun = logged.stream().filter(m -> m.contains("(dry run)")).sorted().toList();
    assertEquals(3, dryRun.size(), String.join("\n", logged));
    assertEquals(
        "Cleanup (dry run) would delete "
            + root
            + "/correlations/daily%2F2026-11-23/: 1 files,"
            + " 20 bytes",
        dryRun.get(0));
    assertTrue(
        dryRun
            .get(1)
            .startsWith(
                "Sweep (dry run) would delete "
                    + root
                    + "/correlations/old-workflow/: 1 files, 50"
                    + " bytes"),
        dryRun.get(1));
    assertTrue(
        dryRun
            .get(2)
            .startsWith(
                "Sweep (dry run) would delete " + root + "/runs/old-run/: 1 files, 40 bytes"),
        dryRun.get(2));
  }

  @Test
  void refusesParametersThatAskForNothingOrAreMalformed() throws IOException {
    IllegalArgumentException nothing =
        assertThrows(IllegalArgumentException.class, () -> CheckpointCleanup.main(args()));
    assertTrue(
        nothing.getMessage().contains("pass runId, correlationId or olderThan"),
        nothing.getMessage());
    IllegalArgumentException age =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointCleanup.main(args("--olderThan=3 days")));
    assertTrue(age.getMessage().contains("'3 days' is not an age"), age.getMessage());
    IllegalArgumentException id =
        assertThrows(
            IllegalArgumentException.class, () -> CheckpointCleanup.main(args("--runId=..")));
    assertTrue(id.getMessage().contains("Invalid runId '..'"), id.getMessage());
    IllegalArgumentException noRoot =
        assertThrows(
            IllegalArgumentException.class,
            () -> CheckpointCleanup.main(new String[] {"--runner=DirectRunner", "--runId=x"}));
    assertTrue(noRoot.getMessage().contains("--checkpointRoot"), noRoot.getMessage());
    assertEquals(6, files().size());
  }

  /**
   * The templates jar has no file system but gs:// (and local files for the DirectRunner), so an
   * s3:// root is refused while the job is built, saying what to pass, and nothing is deleted.
   */
  @Test
  void aRootOffCloudStorageIsRefusedBeforeAnythingIsDeleted() throws IOException {
    IllegalArgumentException s3 =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                CheckpointCleanup.main(
                    new String[] {
                      "--runner=DirectRunner", "--checkpointRoot=s3://my-bucket", "--olderThan=1h"
                    }));
    assertEquals(
        "checkpointRoot 's3://my-bucket' is on s3://, but the templates jar holds only the gs://"
            + " file system (Cloud Storage): pass a Cloud Storage URI gs://BUCKET/PATH, e.g."
            + " --checkpointRoot=gs://my-bucket/checkpoints",
        s3.getMessage());
    assertEquals(6, files().size());
  }

  @Test
  void aSweepUnderAnHourIsRefusedUnlessForced() throws IOException {
    file("runs/young-run/orders/manifest.json", 60, NOW.minus(45, ChronoUnit.MINUTES));
    List<String> before = files();
    IllegalArgumentException young =
        assertThrows(
            IllegalArgumentException.class, () -> CheckpointCleanup.main(args("--olderThan=30m")));
    assertTrue(
        young.getMessage().startsWith("A sweep of trees older than 30m is refused: the least age"
            + " is 1h, because a write that is running may have files that young"),
        young.getMessage());
    assertTrue(young.getMessage().endsWith("force it with force=true"), young.getMessage());
    assertEquals(before, files());

    CheckpointCleanup.main(args("--olderThan=30m", "--force=true"));
    assertEquals(
        List.of(
            "correlations/daily%2F2026-11-23/orders/manifest.json",
            "runs/failed-run/orders/manifest.json",
            "runs/failed-run/orders/part-a-00000-of-00001.parquet",
            "runs/other-run/orders/manifest.json"),
        files());
  }

  @Test
  void theSweepKeepsATreeWithAWriteInProgressAndLogsWhy() throws IOException {
    file("runs/busy-run/orders/.tmp-w1/_writing", 0, NOW.minus(2, ChronoUnit.HOURS));
    file("runs/busy-run/orders/manifest.json", 70, OLD);
    List<String> logged;
    try (CapturedLogs logs = CapturedLogs.start()) {
      CheckpointCleanup.main(args("--olderThan=1h"));
      logged = logs.messages();
    }
    assertEquals(
        List.of(
            "correlations/daily%2F2026-11-23/orders/manifest.json",
            "runs/busy-run/orders/.tmp-w1/_writing",
            "runs/busy-run/orders/manifest.json",
            "runs/failed-run/orders/manifest.json",
            "runs/failed-run/orders/part-a-00000-of-00001.parquet",
            "runs/other-run/orders/manifest.json"),
        files());
    String expected =
        "Sweep keeps "
            + root
            + "/runs/busy-run/: a write is in progress there ("
            + root
            + "/runs/busy-run/orders/.tmp-w1/_writing is 2h 0m old, under the grace period of"
            + " 1d), though the tree's newest file is 2h 0m old";
    assertTrue(logged.contains(expected), String.join("\n", logged));
  }

  @Test
  void metadataDeclaresExactlyTheOptions() throws IOException {
    TemplateMetadata metadata = TemplateMetadata.of("checkpoint-cleanup");
    metadata.assertDeclaresExactly(CheckpointCleanupOptions.class);
    metadata.assertAccepts("checkpointRoot", "gs://my-bucket/checkpoints");
    metadata.assertRejects("checkpointRoot", "s3://my-bucket");
    metadata.assertRejects("checkpointRoot", "my-bucket/checkpoints");
    for (String id : new String[] {"runId", "correlationId"}) {
      metadata.assertAccepts(id, "daily/2026-11-23");
      metadata.assertAccepts(id, "...");
      metadata.assertRejects(id, "");
      metadata.assertRejects(id, ".");
      metadata.assertRejects(id, "..");
      metadata.assertRejects(id, "a\nb");
    }
    assertEquals(TreeAge.PATTERN, metadata.regex("olderThan"));
    metadata.assertAccepts("dryRun", "true");
    metadata.assertRejects("dryRun", "yes");
    metadata.assertAccepts("force", "true");
    metadata.assertRejects("force", "yes");
  }
}
