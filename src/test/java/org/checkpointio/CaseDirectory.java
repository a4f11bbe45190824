package org.checkpointio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory of one deletion-safety case: roots, sibling roots and an "outside" directory,
 * laid out with java.nio. Every file and link is stamped {@link #OLD} or {@link #FRESH} when it is
 * made (links themselves, not their targets), so that a sweep's ages are fixed before it runs.
 */
final class CaseDirectory {
  static final Instant FRESH = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Instant OLD = FRESH.minus(10, ChronoUnit.DAYS);

  /** The files of a committed checkpoint written by a real pipeline, to copy from. */
  interface CommittedCheckpoints {
    Path directory(String runId, String runSegment, String name, String nameSegment);
  }

  private final Path base;
  private final CommittedCheckpoints committed;
  private final boolean realTargets;

  /**
   * @param realTargets whether a tree's target checkpoint is a real committed one (copied from
   *     {@code committed}), for entry points that read manifests; otherwise it is a fake: a
   *     {@code manifest.json} and two shard-named files
   */
  CaseDirectory(Path base, CommittedCheckpoints committed, boolean realTargets) {
    this.base = base;
    this.committed = committed;
    this.realTargets = realTargets;
  }

  Path path(String relative) {
    return base.resolve(relative);
  }

  /** A file whose content names it, so no two files of a case have the same checksum. */
  void file(String relative, Instant modified) throws IOException {
    Path file = path(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "content of " + relative + "\n", StandardCharsets.UTF_8);
    stamp(file, modified);
  }

  /** A symbolic link at {@code relative} to {@code target} (absolute), itself {@link #OLD}. */
  void link(String relative, String target) throws IOException {
    link(relative, target, OLD);
  }

  void link(String relative, String target, Instant modified) throws IOException {
    Path link = path(relative);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, path(target));
    stamp(link, modified);
  }

  /** A fake committed checkpoint: {@code manifest.json} and two shards of write {@code w0}. */
  void fakeCheckpoint(String directory, Instant modified) throws IOException {
    file(directory + "/manifest.json", modified);
    file(directory + "/part-w0-00000-of-00002.parquet", modified);
    file(directory + "/part-w0-00001-of-00002.parquet", modified);
  }

  /** A copy of a checkpoint that a real write committed, as {@code runId}'s {@code name}. */
  void committedCheckpoint(
      String directory, String runId, String runSegment, String name, String nameSegment)
      throws IOException {
    Path source = committed.directory(runId, runSegment, name, nameSegment);
    Path target = path(directory);
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(file.getFileName().toString());
        Files.copy(file, copy);
        stamp(copy, OLD);
      }
    }
  }

  /**
   * The trees of a standard root: the hazard's RUN and CORRELATION trees (old, so a sweep takes
   * them) and neighbours that must survive (see {@link #neighbours}).
   */
  void standardRoot(String root, DeletionHazard hazard) throws IOException {
    targetTrees(root, hazard);
    neighbours(root);
  }

  /**
   * The hazard's trees under {@code root}: RUN holds the target checkpoint and {@code customers},
   * CORRELATION holds the target checkpoint; all old.
   */
  void targetTrees(String root, DeletionHazard hazard) throws IOException {
    String run = root + "/runs/" + hazard.runSegment;
    if (realTargets) {
      committedCheckpoint(
          run + "/" + hazard.nameSegment,
          hazard.runId,
          hazard.runSegment,
          hazard.checkpointName,
          hazard.nameSegment);
    } else {
      fakeCheckpoint(run + "/" + hazard.nameSegment, OLD);
    }
    fakeCheckpoint(run + "/customers", OLD);
    fakeCheckpoint(root + "/correlations/" + hazard.correlationSegment + "/" + hazard.nameSegment,
        OLD);
  }

  /**
   * What lives beside the hazard's trees and must survive every entry point: a fresh run
   * {@code r2} and correlation {@code c2}, and a file beside the scope directories.
   */
  void neighbours(String root) throws IOException {
    fakeCheckpoint(root + "/runs/r2/orders", FRESH);
    fakeCheckpoint(root + "/correlations/c2/orders", FRESH);
    file(root + "/beside-the-scopes.txt", OLD);
  }

  /** The directory "outside" every root: links point into it; its contents must never change. */
  void outside() throws IOException {
    file("outside/dir/precious.txt", FRESH);
    file("outside/dir/sub/deep.txt", FRESH);
    file("outside/precious.txt", FRESH);
    file("outside/part-precious-00000-of-00001.parquet", FRESH);
    // Old, so that a sweep that followed a scope tree link here would take it.
    fakeCheckpoint("outside/elsewhere-run/orders", OLD);
    fakeCheckpoint("outside/elsewhere-correlation/orders", OLD);
  }

  /** The name of the first shard-named file in a checkpoint directory. */
  String firstShard(String directory) throws IOException {
    try (Stream<Path> files = Files.list(path(directory))) {
      List<String> shards =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.startsWith("part-"))
              .sorted()
              .toList();
      return shards.get(0);
    }
  }

  private static void stamp(Path entry, Instant modified) throws IOException {
    Files.getFileAttributeView(entry, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(FileTime.from(modified), null, null);
  }
}
