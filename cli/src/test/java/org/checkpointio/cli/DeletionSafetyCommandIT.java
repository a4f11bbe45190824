package org.checkpointio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.checkpointio.CheckpointFormat;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestJson;
import org.checkpointio.manifest.ShardFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code checkpoint rm} and {@code checkpoint sweep} (and its dry run), run as a separate process,
 * against each deletion hazard on a local file system: links out of a tree, a tree that is a link,
 * a root that is a link, roots named like globs beside the siblings they would match, and entries
 * under {@code runs/} that this library did not write.
 *
 * <p>Every case lists everything under its temporary directory, walked without following links
 * (relative path to the SHA-256 of a file, the target of a link, or "directory"), before and after
 * the command: exactly the expected paths must be gone and nothing else may change, inside the
 * root or outside it.
 */
class DeletionSafetyCommandIT {
  /** Every fixture file inside a root is this old; the sweeps below expire trees after an hour. */
  private static final Duration OLD = Duration.ofHours(2);

  private static final String OLDER_THAN = "1h";

  @TempDir Path base;

  /** The trees a case starts from: each a root with expired runs r1 and r2, plus one hazard. */
  enum Fixture {
    /** {@code runs/r1/orders/linked-dir} links to a directory outside the root, as old as r1. */
    LINK_TO_AN_OLD_OUTSIDE_DIRECTORY("root"),
    /** The same link, to a directory of new files: a tree's age is its link's, not theirs. */
    LINK_TO_A_NEW_OUTSIDE_DIRECTORY("root"),
    /** {@code runs/r1/orders/linked-file} links to a file outside the root. */
    LINK_TO_AN_OUTSIDE_FILE("root"),
    /** {@code runs/r1/orders/alias.parquet} links to a shard of run r2 (relative target). */
    LINK_TO_A_FILE_OF_ANOTHER_TREE("root"),
    /** {@code runs/r1} itself links to a directory outside the root that holds a checkpoint. */
    TREE_IS_A_LINK("root"),
    /** The root is a link to the real root. */
    ROOT_IS_A_LINK("rootlink"),
    GLOB_ROOT_BRACKETS("g[1]", "g1"),
    GLOB_ROOT_QUESTION_MARK("w?x", "wZx"),
    GLOB_ROOT_STAR("st*r", "stABCr"),
    /**
     * Under {@code runs/}: {@code bad%zz} and {@code %41} (no canonical encoding, each holding what
     * looks like a checkpoint), {@code manual-backup} and {@code reports} (canonical names without
     * a checkpoint; {@code reports/q4/part-notes-of-2026.txt} is named almost like a shard), a
     * plain file and a link to a directory outside.
     */
    FOREIGN_ENTRIES("root");

    /** The root the command gets, relative to the case's directory. */
    final String root;

    /** A root beside it that holds the same trees, which the root's name would match as a glob. */
    final String sibling;

    Fixture(String root) {
      this(root, null);
    }

    Fixture(String root, String sibling) {
      this.root = root;
      this.sibling = sibling;
    }
  }

  /**
   * {@code rm ROOT --run ID --yes}: the fixture, the id, and the paths (relative to the case's
   * directory; each with everything below it) that must be gone afterwards.
   */
  static Stream<Arguments> removals() {
    return Stream.of(
        Arguments.of(Fixture.LINK_TO_AN_OLD_OUTSIDE_DIRECTORY, "r1", List.of("root/runs/r1")),
        Arguments.of(Fixture.LINK_TO_A_NEW_OUTSIDE_DIRECTORY, "r1", List.of("root/runs/r1")),
        Arguments.of(Fixture.LINK_TO_AN_OUTSIDE_FILE, "r1", List.of("root/runs/r1")),
        Arguments.of(Fixture.LINK_TO_A_FILE_OF_ANOTHER_TREE, "r1", List.of("root/runs/r1")),
        Arguments.of(Fixture.TREE_IS_A_LINK, "r1", List.of("root/runs/r1")),
        Arguments.of(Fixture.ROOT_IS_A_LINK, "r1", List.of("realroot/runs/r1")),
        Arguments.of(Fixture.GLOB_ROOT_BRACKETS, "r1", List.of("g[1]/runs/r1")),
        Arguments.of(Fixture.GLOB_ROOT_QUESTION_MARK, "r1", List.of("w?x/runs/r1")),
        Arguments.of(Fixture.GLOB_ROOT_STAR, "r1", List.of("st*r/runs/r1")),
        Arguments.of(Fixture.FOREIGN_ENTRIES, "r1", List.of("root/runs/r1")),
        // An explicit id deletes its whole tree, whatever it holds.
        Arguments.of(Fixture.FOREIGN_ENTRIES, "manual-backup", List.of("root/runs/manual-backup")),
        // Ids are encoded: 'bad%zz' lives in runs/bad%25zz/, which is not there.
        Arguments.of(Fixture.FOREIGN_ENTRIES, "bad%zz", List.of()),
        Arguments.of(Fixture.FOREIGN_ENTRIES, "%41", List.of()));
  }

  /**
   * {@code sweep ROOT --older-than 1h --yes}: the fixture and the paths that must be gone
   * afterwards; each is one tree the sweep reports deleted.
   */
  static Stream<Arguments> sweeps() {
    List<String> bothRuns = List.of("root/runs/r1", "root/runs/r2");
    return Stream.of(
        Arguments.of(Fixture.LINK_TO_AN_OLD_OUTSIDE_DIRECTORY, bothRuns),
        Arguments.of(Fixture.LINK_TO_A_NEW_OUTSIDE_DIRECTORY, bothRuns),
        Arguments.of(Fixture.LINK_TO_AN_OUTSIDE_FILE, bothRuns),
        Arguments.of(Fixture.LINK_TO_A_FILE_OF_ANOTHER_TREE, bothRuns),
        // A link directly under runs/ is no tree of this library's: the sweep skips it.
        Arguments.of(Fixture.TREE_IS_A_LINK, List.of("root/runs/r2")),
        Arguments.of(Fixture.ROOT_IS_A_LINK, List.of("realroot/runs/r1", "realroot/runs/r2")),
        Arguments.of(Fixture.GLOB_ROOT_BRACKETS, List.of("g[1]/runs/r1", "g[1]/runs/r2")),
        Arguments.of(Fixture.GLOB_ROOT_QUESTION_MARK, List.of("w?x/runs/r1", "w?x/runs/r2")),
        Arguments.of(Fixture.GLOB_ROOT_STAR, List.of("st*r/runs/r1", "st*r/runs/r2")),
        Arguments.of(Fixture.FOREIGN_ENTRIES, bothRuns));
  }

  @ParameterizedTest(name = "rm --run {1}: {0}")
  @MethodSource("removals")
  void rmDeletesExactlyTheNamedTreeAndNothingALinkOrAGlobReaches(
      Fixture fixture, String runId, List<String> gone) throws Exception {
    plant(fixture);
    SortedMap<String, String> before = checksums();
    String root = base.resolve(fixture.root).toString();

    CheckpointProcess.Result rm = CheckpointProcess.run("rm", root, "--run", runId, "--yes");

    assertListing(before, gone);
    assertEquals(0, rm.exitCode(), rm.describe());
    String said = rm.out().isEmpty() ? "" : rm.out().get(rm.out().size() - 1);
    String expected =
        gone.isEmpty() ? "Nothing to delete: run '" + runId + "'" : "Deleted run '" + runId + "'";
    assertTrue(said.startsWith(expected), () -> "expected '" + expected + "…'; " + rm.describe());
  }

  @ParameterizedTest(name = "sweep: {0}")
  @MethodSource("sweeps")
  void sweepDeletesExactlyTheExpiredTreesOfThisLibraryAndNothingALinkOrAGlobReaches(
      Fixture fixture, List<String> gone) throws Exception {
    plant(fixture);
    SortedMap<String, String> before = checksums();
    String root = base.resolve(fixture.root).toString();

    CheckpointProcess.Result sweep =
        CheckpointProcess.run("sweep", root, "--older-than", OLDER_THAN, "--yes");

    assertListing(before, gone);
    assertEquals(0, sweep.exitCode(), sweep.describe());
    String said = sweep.out().isEmpty() ? "" : sweep.out().get(sweep.out().size() - 1);
    assertTrue(
        said.startsWith("Deleted " + gone.size() + " of "),
        () -> "expected 'Deleted " + gone.size() + " of …'; " + sweep.describe());
    assertForeignEntriesWarnedAbout(fixture, sweep);
  }

  @ParameterizedTest(name = "sweep --dry-run: {0}")
  @EnumSource(Fixture.class)
  void aDryRunSweepChangesNothing(Fixture fixture) throws Exception {
    plant(fixture);
    SortedMap<String, String> before = checksums();
    String root = base.resolve(fixture.root).toString();
    int expired =
        sweeps()
            .filter(row -> row.get()[0] == fixture)
            .mapToInt(row -> ((List<?>) row.get()[1]).size())
            .sum();

    CheckpointProcess.Result dryRun =
        CheckpointProcess.run("sweep", root, "--older-than", OLDER_THAN, "--dry-run");

    assertListing(before, List.of());
    assertEquals(0, dryRun.exitCode(), dryRun.describe());
    String said = dryRun.out().isEmpty() ? "" : dryRun.out().get(dryRun.out().size() - 1);
    assertTrue(
        said.startsWith("Dry run: " + expired + " of "),
        () -> "expected 'Dry run: " + expired + " of …'; " + dryRun.describe());
    assertForeignEntriesWarnedAbout(fixture, dryRun);
  }

  /** Each entry under runs/ that the sweep skips is named in one WARN line. */
  private static void assertForeignEntriesWarnedAbout(
      Fixture fixture, CheckpointProcess.Result sweep) {
    if (fixture != Fixture.FOREIGN_ENTRIES) {
      return;
    }
    for (String entry :
        List.of("bad%zz", "%41", "manual-backup", "reports", "README.txt", "shortcut")) {
      long warnings =
          sweep.err().stream()
              .filter(line -> line.contains("WARN") && line.contains("runs/" + entry))
              .count();
      assertEquals(
          1, warnings, () -> "one WARN line names runs/" + entry + "; " + sweep.describe());
    }
  }

  /** Exactly the paths in {@code gone}, and everything below them, are gone; all else is as was. */
  private void assertListing(SortedMap<String, String> before, List<String> gone)
      throws IOException {
    SortedMap<String, String> expected = new TreeMap<>(before);
    expected.keySet().removeIf(path -> gone.stream().anyMatch(g -> isAtOrBelow(path, g)));
    assertTrue(
        expected.size() < before.size() || gone.isEmpty(), "the fixture holds " + gone);
    SortedMap<String, String> after = checksums();
    if (!expected.equals(after)) {
      fail("Expected " + changes(before, expected) + "; but " + changes(before, after));
    }
  }

  private static boolean isAtOrBelow(String path, String directory) {
    return path.equals(directory) || path.startsWith(directory + "/");
  }

  /** What differs between two listings: paths gone, added and changed. */
  private static String changes(SortedMap<String, String> before, SortedMap<String, String> after) {
    List<String> gone = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    before.forEach(
        (path, content) -> {
          if (!after.containsKey(path)) {
            gone.add(path);
          } else if (!content.equals(after.get(path))) {
            changed.add(path + " (" + content + " -> " + after.get(path) + ")");
          }
        });
    List<String> added = after.keySet().stream().filter(p -> !before.containsKey(p)).toList();
    return "gone " + gone + ", added " + added + ", changed " + changed;
  }

  /**
   * Everything under the case's directory, walked without following links: relative path to the
   * SHA-256 of a file, {@code -> target} of a link, or {@code directory}.
   */
  private SortedMap<String, String> checksums() throws IOException {
    SortedMap<String, String> listing = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path path : walk.filter(p -> !p.equals(base)).toList()) {
        String relative = base.relativize(path).toString();
        if (Files.isSymbolicLink(path)) {
          listing.put(relative, "-> " + Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          listing.put(relative, "directory");
        } else {
          listing.put(relative, sha256(Files.readAllBytes(path)));
        }
      }
    }
    return listing;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Creates the fixture under the case's directory: its root (and sibling) with committed
   * checkpoints of runs r1 and r2, the hazard, and {@code outside/} (a directory with files and a
   * file) that links may point to. Everything inside the roots, links included, is {@link #OLD}.
   */
  private void plant(Fixture fixture) throws IOException {
    Path outside = base.resolve("outside");
    write(outside.resolve("dir/keep.txt"), "outside, keep");
    write(outside.resolve("dir/sub/deep.bin"), "deep outside, keep");
    write(outside.resolve("file.txt"), "an outside file, keep");
    Path root = base.resolve(fixture.root);
    if (fixture == Fixture.ROOT_IS_A_LINK) {
      Path real = base.resolve("realroot");
      Files.createDirectories(real);
      Files.createSymbolicLink(root, real);
      root = real;
    }
    runsOf(root);
    if (fixture.sibling != null) {
      runsOf(base.resolve(fixture.sibling));
      age(base.resolve(fixture.sibling));
    }
    Path orders = root.resolve("runs/r1/orders");
    switch (fixture) {
      case LINK_TO_AN_OLD_OUTSIDE_DIRECTORY -> {
        Files.createSymbolicLink(orders.resolve("linked-dir"), outside.resolve("dir"));
        age(outside);
      }
      case LINK_TO_A_NEW_OUTSIDE_DIRECTORY ->
          Files.createSymbolicLink(orders.resolve("linked-dir"), outside.resolve("dir"));
      case LINK_TO_AN_OUTSIDE_FILE -> {
        Files.createSymbolicLink(orders.resolve("linked-file"), outside.resolve("file.txt"));
        age(outside);
      }
      case LINK_TO_A_FILE_OF_ANOTHER_TREE ->
          Files.createSymbolicLink(
              orders.resolve("alias.parquet"),
              Path.of("../../r2/orders/" + shardName("w2")));
      case TREE_IS_A_LINK -> {
        Path elsewhere = base.resolve("elsewhere");
        checkpoint(elsewhere, "r1", "orders", "w9");
        age(elsewhere);
        deleteTree(root.resolve("runs/r1"));
        Files.createSymbolicLink(root.resolve("runs/r1"), elsewhere);
      }
      case FOREIGN_ENTRIES -> {
        Path runs = root.resolve("runs");
        checkpoint(runs.resolve("bad%zz"), "bad%zz", "orders", "w3");
        checkpoint(runs.resolve("%41"), "A", "orders", "w4");
        write(runs.resolve("manual-backup/notes.txt"), "kept by hand");
        write(runs.resolve("manual-backup/sub/data.csv"), "id,name\n1,a\n");
        write(runs.resolve("reports/q4/part-notes-of-2026.txt"), "named almost like a shard");
        write(runs.resolve("README.txt"), "not a tree");
        Files.createSymbolicLink(runs.resolve("shortcut"), outside.resolve("dir"));
        age(outside);
      }
      default -> {
        // The roots themselves are the hazard.
      }
    }
    age(root);
  }

  /** Committed checkpoints 'orders' of runs r1 and r2 under {@code root}. */
  private static void runsOf(Path root) throws IOException {
    checkpoint(root.resolve("runs/r1"), "r1", "orders", "w1");
    checkpoint(root.resolve("runs/r2"), "r2", "orders", "w2");
  }

  /** A committed exclusive write of {@code name}: its manifest and one shard. */
  private static void checkpoint(Path tree, String runId, String name, String writeId)
      throws IOException {
    Path directory = tree.resolve(name);
    byte[] shard = ("rows of " + tree + "/" + name).getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(directory);
    Files.write(directory.resolve(shardName(writeId)), shard);
    Manifest manifest =
        Manifest.builder()
            .setName(name)
            .setScope(CheckpointScope.RUN)
            .setId(runId)
            .setWriteId(writeId)
            .setFileFormat(CheckpointFormat.PARQUET)
            .setSchema(CustomerCheckpoint.CUSTOMER)
            .setShards(List.of(ShardFile.of(shardName(writeId), 3, shard.length)))
            .setCreatedAt(Instant.now().minus(OLD))
            .setLibraryVersion("0.1.0-test")
            .setBeamVersion("2.62.0")
            .setAppend(false)
            .setVersion(1)
            .build();
    Files.writeString(
        directory.resolve("_manifest-0000000001.json"), ManifestJson.toJson(manifest));
  }

  private static String shardName(String writeId) {
    return CheckpointPaths.shardFileName(writeId, 0, 1, ".parquet");
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  /** Sets every file, directory and link under {@code dir} (links themselves) {@link #OLD}. */
  private static void age(Path dir) throws IOException {
    FileTime old = FileTime.from(Instant.now().minus(OLD));
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.toList()) {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .setTimes(old, null, null);
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }
}
