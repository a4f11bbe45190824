package org.checkpointio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One way a deletion could reach what it must not: a link, a glob-like root beside the sibling it
 * would match, an id that looks like an encoding, a foreign directory. It lays itself out in a
 * {@link CaseDirectory} and names, as paths relative to it, the trees the contract lets each entry
 * point delete. Encoded segments are written out by hand, as the layout in the contract gives them.
 */
final class DeletionHazard {
  @FunctionalInterface
  interface Layout {
    void layOut(CaseDirectory dir, DeletionHazard hazard) throws IOException;
  }

  final String description;
  /** The root the context names (maybe a link), relative to the case directory. */
  final String root;
  /** The directory the root is. */
  final String realRoot;
  /** A sibling root the root's name would match as a glob, or null. */
  final String sibling;

  final String runId;
  final String runSegment;
  final String correlationId;
  final String correlationSegment;
  final String checkpointName;
  final String nameSegment;
  /** The trees a real sweep of the root deletes: expired ones of this library, and no others. */
  final List<String> sweptTrees;

  private final Layout layout;

  private DeletionHazard(
      String description,
      String root,
      String realRoot,
      String sibling,
      String[] ids,
      List<String> sweptTrees,
      Layout layout) {
    this.description = description;
    this.root = root;
    this.realRoot = realRoot;
    this.sibling = sibling;
    this.runId = ids[0];
    this.runSegment = ids[1];
    this.correlationId = ids[2];
    this.correlationSegment = ids[3];
    this.checkpointName = ids[4];
    this.nameSegment = ids[5];
    this.sweptTrees = sweptTrees == null ? List.of(runTree(), correlationTree()) : sweptTrees;
    this.layout = layout;
  }

  /** run id, its segment, correlation id, its segment, checkpoint name, its segment. */
  private static final String[] STANDARD_IDS = {"r1", "r1", "c1", "c1", "orders", "orders"};

  /** The RUN tree of the hazard's run id under the real root. */
  String runTree() {
    return realRoot + "/runs/" + runSegment;
  }

  String correlationTree() {
    return realRoot + "/correlations/" + correlationSegment;
  }

  /** The directory of the hazard's checkpoint in its RUN tree. */
  String checkpointDirectory() {
    return runTree() + "/" + nameSegment;
  }

  void layOut(CaseDirectory dir) throws IOException {
    dir.outside();
    layout.layOut(dir, this);
  }

  @Override
  public String toString() {
    return description;
  }

  private static DeletionHazard standard(String description, Layout extra) {
    return new DeletionHazard(
        description,
        "root",
        "root",
        null,
        STANDARD_IDS,
        null,
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          extra.layOut(dir, hazard);
        });
  }

  /** A link at {@code relative} inside both target trees (RUN and CORRELATION). */
  private static Layout linkInBothTrees(String relative, LinkTarget target) {
    return (dir, hazard) -> {
      for (String tree : List.of(hazard.runTree(), hazard.correlationTree())) {
        dir.link(tree + "/" + relative, target.of(dir, hazard, tree));
      }
    };
  }

  @FunctionalInterface
  private interface LinkTarget {
    String of(CaseDirectory dir, DeletionHazard hazard, String tree) throws IOException;
  }

  static DeletionHazard noHazard() {
    return standard("control: no hazard", (dir, hazard) -> {});
  }

  static DeletionHazard linkToOutsideDirectory() {
    return standard(
        "a link in the tree to an outside directory",
        linkInBothTrees("orders/evidence", (dir, hazard, tree) -> "outside/dir"));
  }

  static DeletionHazard linkToOutsideFile() {
    return standard(
        "a link in the tree to an outside file",
        linkInBothTrees("orders/evidence.txt", (dir, hazard, tree) -> "outside/precious.txt"));
  }

  /** The other tree is fresh: a sweep keeps it, and only a followed link could reach it. */
  static DeletionHazard linkToFileInAnotherTree() {
    return standard(
        "a link in the tree to a file in another tree of the root",
        linkInBothTrees(
            "orders/borrowed",
            (dir, hazard, tree) -> {
              String other =
                  tree.equals(hazard.runTree())
                      ? hazard.realRoot + "/runs/r2/orders"
                      : hazard.realRoot + "/correlations/c2/orders";
              return other + "/" + dir.firstShard(other);
            }));
  }

  static DeletionHazard linkToFileInSameTree() {
    return standard(
        "a link in the tree to a shard in the same tree",
        linkInBothTrees(
            "orders/alias",
            (dir, hazard, tree) -> {
              String checkpoint = tree + "/" + hazard.nameSegment;
              return checkpoint + "/" + dir.firstShard(checkpoint);
            }));
  }

  /** A sweep skips a link directly under runs/ or correlations/, so it deletes nothing here. */
  static DeletionHazard scopeTreeIsLinkToOutside() {
    return new DeletionHazard(
        "the scope tree itself a link to an outside directory",
        "root",
        "root",
        null,
        STANDARD_IDS,
        List.of(),
        (dir, hazard) -> {
          dir.neighbours(hazard.realRoot);
          dir.link(hazard.runTree(), "outside/elsewhere-run");
          dir.link(hazard.correlationTree(), "outside/elsewhere-correlation");
        });
  }

  static DeletionHazard shardNamedLinkToOutsideFile() {
    return standard(
        "a shard-named link in the checkpoint to an outside file",
        linkInBothTrees(
            "orders/part-zzzz-00000-of-00001.parquet",
            (dir, hazard, tree) -> "outside/part-precious-00000-of-00001.parquet"));
  }

  /** Root {@code root} beside {@code sibling}, which holds the same run id and names. */
  static DeletionHazard globRoot(String root, String sibling) {
    return new DeletionHazard(
        "root " + root + " beside sibling root " + sibling,
        root,
        root,
        sibling,
        STANDARD_IDS,
        null,
        (dir, hazard) -> {
          dir.standardRoot(root, hazard);
          dir.standardRoot(sibling, hazard);
        });
  }

  static List<DeletionHazard> globRoots() {
    return List.of(
        globRoot("g[1]", "g1"),
        globRoot("w?x", "wZx"),
        globRoot("st*r", "stABCr"),
        globRoot("c{1,2}", "c1"),
        globRoot("b\\x", "bx"),
        globRoot("p%41", "pA"));
  }

  /**
   * Ids and a name holding every glob character and '%', beside fresh trees and a checkpoint
   * whose names a pattern made of them would match.
   */
  static DeletionHazard globCharactersInIdsAndNames() {
    String[] ids = {
      "a[1]?*{x,y}\\%", "a%5B1%5D%3F%2A%7Bx%2Cy%7D%5C%25",
      "c[1]*", "c%5B1%5D%2A",
      "o[1]*", "o%5B1%5D%2A"
    };
    return new DeletionHazard(
        "ids and names with [ ] ? * { } \\ %",
        "root",
        "root",
        null,
        ids,
        null,
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          dir.fakeCheckpoint(hazard.realRoot + "/runs/a1/orders", CaseDirectory.FRESH);
          dir.fakeCheckpoint(hazard.realRoot + "/correlations/c1/orders", CaseDirectory.FRESH);
          dir.fakeCheckpoint(hazard.runTree() + "/o1", CaseDirectory.OLD);
        });
  }

  /**
   * Ids and a name that look like encodings: run {@code bad%zz} lives in {@code bad%25zz}, beside
   * a foreign (old) {@code bad%zz}; correlation and name {@code %41} live in {@code %2541}, beside
   * a foreign (old) {@code %41} and the fresh tree and checkpoint of id and name {@code A}.
   */
  static DeletionHazard encodingLookalikeIdsAndNames() {
    String[] ids = {"bad%zz", "bad%25zz", "%41", "%2541", "%41", "%2541"};
    return new DeletionHazard(
        "ids and names that look like encodings (bad%zz, %41)",
        "root",
        "root",
        null,
        ids,
        null,
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          dir.file(hazard.realRoot + "/runs/bad%zz/x/data", CaseDirectory.OLD);
          dir.fakeCheckpoint(hazard.realRoot + "/correlations/%41/orders", CaseDirectory.OLD);
          dir.fakeCheckpoint(hazard.realRoot + "/correlations/A/orders", CaseDirectory.FRESH);
          dir.fakeCheckpoint(hazard.runTree() + "/A", CaseDirectory.OLD);
        });
  }

  /** Old directories and files under runs/ and correlations/ that this library did not write. */
  static DeletionHazard foreignEntriesUnderScopes() {
    return standard(
        "foreign directories and files under runs/ and correlations/",
        (dir, hazard) -> {
          for (String scope : List.of("runs", "correlations")) {
            String parent = hazard.realRoot + "/" + scope;
            dir.file(parent + "/bad%zz/x/data", CaseDirectory.OLD);
            dir.file(parent + "/manual-backup/notes.txt", CaseDirectory.OLD);
            dir.file(parent + "/manual-backup/sub/data.csv", CaseDirectory.OLD);
            dir.fakeCheckpoint(parent + "/%41/orders", CaseDirectory.OLD); // canonical: A
            dir.fakeCheckpoint(parent + "/x%2f/orders", CaseDirectory.OLD); // lower-case hex
            dir.file(parent + "/stray", CaseDirectory.OLD);
            dir.link(parent + "/linked", "outside/elsewhere-run");
          }
        });
  }

  /**
   * A fresh link to an old file keeps an otherwise old RUN tree from the sweep: its age is the
   * link's own, never its target's (the CORRELATION tree, without the link, goes).
   */
  static DeletionHazard freshLinkToOldFile() {
    return new DeletionHazard(
        "a fresh link in an old tree to an old outside file",
        "root",
        "root",
        null,
        STANDARD_IDS,
        List.of("root/correlations/c1"),
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          dir.link(
              hazard.runTree() + "/orders/recent",
              "outside/elsewhere-run/orders/manifest.json",
              CaseDirectory.FRESH);
        });
  }

  /**
   * Trees a sweep takes although they hold no committed manifest, because each holds one mark of
   * a checkpoint of this library (a temporary write, a staged manifest, an append manifest, a
   * shard), beside trees it skips because their only checkpoint-like entries are not such marks.
   */
  static DeletionHazard treesMarkedOnlyByUncommittedFiles() {
    return new DeletionHazard(
        "trees marked only by .tmp-*, .staged-*, manifest-*.json or a shard, beside unmarked ones",
        "root",
        "root",
        null,
        STANDARD_IDS,
        List.of(
            "root/runs/r1",
            "root/correlations/c1",
            "root/runs/t1",
            "root/runs/t2",
            "root/correlations/t3",
            "root/correlations/t4"),
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          String root = hazard.realRoot;
          dir.file(root + "/runs/t1/orders/.tmp-w1/part-w1-00000-of-00001.parquet",
              CaseDirectory.OLD);
          dir.file(root + "/runs/t2/orders/.staged-w2-manifest.json", CaseDirectory.OLD);
          dir.file(root + "/correlations/t3/orders/manifest-w3.json", CaseDirectory.OLD);
          dir.file(root + "/correlations/t4/orders/part-w4-00000-of-00001.parquet",
              CaseDirectory.OLD);
          dir.file(root + "/runs/n1/orders/notes.txt", CaseDirectory.OLD);
          dir.file(root + "/runs/n2/%zz/manifest.json", CaseDirectory.OLD);
          dir.file(root + "/correlations/n3/orders/part-of-a-report.csv", CaseDirectory.OLD);
        });
  }

  /**
   * Cleanup of an explicit id deletes that id's whole tree, foreign files included (links as
   * links), and nothing of the trees beside it.
   */
  static DeletionHazard explicitIdOfForeignTree() {
    String[] ids = {
      "manual-backup", "manual-backup", "manual-backup", "manual-backup", "orders", "orders"
    };
    return new DeletionHazard(
        "an explicit id whose tree is foreign (manual-backup)",
        "root",
        "root",
        null,
        ids,
        null,
        (dir, hazard) -> {
          DeletionHazard beside = noHazard();
          dir.standardRoot(hazard.realRoot, beside);
          for (String tree : List.of(hazard.runTree(), hazard.correlationTree())) {
            dir.file(tree + "/notes.txt", CaseDirectory.OLD);
            dir.file(tree + "/sub/data.csv", CaseDirectory.OLD);
            dir.link(tree + "/sub/evidence", "outside/dir");
          }
        });
  }

  static DeletionHazard rootIsLinkToRealRoot() {
    return new DeletionHazard(
        "the root a link to the real root",
        "rootlink",
        "realroot",
        null,
        STANDARD_IDS,
        null,
        (dir, hazard) -> {
          dir.standardRoot(hazard.realRoot, hazard);
          dir.link(hazard.root, hazard.realRoot);
        });
  }

  /** Every hazard but the explicit foreign id, which only cleanup and the launcher take. */
  static List<DeletionHazard> all() {
    return all(true);
  }

  /** As {@link #all()}, without scope trees that are links, which a write would write through. */
  static List<DeletionHazard> whereScopeTreesAreDirectories() {
    return all(false);
  }

  private static List<DeletionHazard> all(boolean scopeTreeLinks) {
    List<DeletionHazard> all = new ArrayList<>();
    all.add(noHazard());
    all.add(linkToOutsideDirectory());
    all.add(linkToOutsideFile());
    all.add(linkToFileInAnotherTree());
    all.add(linkToFileInSameTree());
    if (scopeTreeLinks) {
      all.add(scopeTreeIsLinkToOutside());
    }
    all.add(shardNamedLinkToOutsideFile());
    all.addAll(globRoots());
    all.add(globCharactersInIdsAndNames());
    all.add(encodingLookalikeIdsAndNames());
    all.add(foreignEntriesUnderScopes());
    all.add(rootIsLinkToRealRoot());
    return all;
  }
}
