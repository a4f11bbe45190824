package org.checkpointio.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointNotFoundException;
import org.checkpointio.TestPipelines;
import org.checkpointio.TestRows;
import org.checkpointio.DeletedTree;
import org.checkpointio.SweptTree;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ManifestJson;
import org.checkpointio.manifest.ShardFile;
import org.joda.time.Duration;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Roots whose names hold glob characters are literal names on an object store: cleanup, the TTL
 * sweep, an exclusive re-write's garbage collection and reads under such a root never see, read or
 * delete anything under a sibling root that the name, read as a pattern, would match.
 *
 * <p>Every case is one entry point applied to one {@link GlobRoot} under a fresh prefix that holds
 * the glob-named root and its sibling, both with trees of run {@code r1} and {@code r2} and
 * checkpoints of the same names. The case lists every object under the prefix with the store's own
 * client, by full name with size and SHA-256, before and after: the sibling's objects must be
 * exactly as they were, and under the glob-named root exactly the objects the entry point owns must
 * be gone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ObjectStoreDeletionSafetyContract {
  /** A root name that a glob reads as a pattern, and the sibling name that pattern matches. */
  protected enum GlobRoot {
    BRACKETS("g[1]", "g1"),
    QUESTION_MARK("w?x", "wZx"),
    STAR("st*r", "stABCr"),
    BRACES("c{1,2}", "c1"),
    BACKSLASH("b\\x", "bx"),
    PERCENT("p%41", "pA");

    final String name;
    final String sibling;

    GlobRoot(String name, String sibling) {
      this.name = name;
      this.sibling = sibling;
    }

    @Override
    public String toString() {
      return name + " beside " + sibling;
    }
  }

  /** One checkpoint of a fixture tree: rows {@code TestRows.orders(firstId, endId)}. */
  private record Checkpoint(String runId, String name, long firstId, long endId, int shards) {
    List<Row> rows() {
      return TestRows.orders(firstId, endId);
    }
  }

  private static final String ONLY_IN_SIBLING = "only-sibling";

  /** Files in a checkpoint directory that no commit lists: garbage once the grace period ends. */
  private static final String STRAY_SHARD = "part-stray-00000-of-00001.parquet";

  private static final String STRAY_TEMP_FILE = ".tmp-stray/part-0.parquet";

  /** A user's file beside the shards: not named as shards are, so never collected. */
  private static final String USER_FILE = "part-notes.txt";

  private static final Checkpoint GLOB_X = new Checkpoint("r1", "x", 0, 40, 2);
  private static final Checkpoint GLOB_ORDERS = new Checkpoint("r1", "orders", 100, 110, 1);
  private static final Checkpoint SIBLING_X = new Checkpoint("r1", "x", 500, 540, 2);

  /** What the glob-named root holds: runs r1 and r2, other rows than the sibling's. */
  private static final List<Checkpoint> IN_GLOB_ROOT =
      List.of(GLOB_X, GLOB_ORDERS, new Checkpoint("r2", "x", 200, 210, 1));

  /** What the sibling holds: the same runs and names, and one name the glob-named root lacks. */
  private static final List<Checkpoint> IN_SIBLING =
      List.of(
          SIBLING_X,
          new Checkpoint("r1", "orders", 600, 610, 1),
          new Checkpoint("r1", ONLY_IN_SIBLING, 700, 705, 1),
          new Checkpoint("r2", "x", 800, 810, 1));

  /**
   * How long a case waits before sweeping with an age of one millisecond, so that every tree is
   * expired: S3 reports last-modified times in whole seconds.
   */
  private static final long AGING_MILLIS = 1_500;

  /** Pipeline options that point Beam's file system for the store at it. */
  protected abstract String[] storeArgs();

  /** A bucket URI, or a prefix in one, that the tests may write under, e.g. {@code gs://b}. */
  protected abstract String bucketRoot();

  /** What stores the objects, for messages, e.g. "the GCS JSON API test server". */
  protected abstract String storeName();

  /** The URIs of all objects whose URI starts with {@code prefix}, by the store's own client. */
  protected abstract List<String> objectsUnder(String prefix) throws IOException;

  /** The content of the object at {@code uri}, by the store's own client. */
  protected abstract byte[] getObject(String uri) throws IOException;

  /** Stores {@code content} at {@code uri} with the store's own client. */
  protected abstract void putObject(String uri, byte[] content) throws IOException;

  /** Per root name: empty if the store keeps it literally, else what went wrong. */
  private final Map<GlobRoot, String> refusals = new EnumMap<>(GlobRoot.class);

  /** The two fixture roots, written once by a pipeline and copied into every case's prefix. */
  private String templates;

  /** One case's prefix and its two roots, as URIs without a trailing slash. */
  private record Roots(String prefix, String glob, String sibling) {
    CheckpointContext globContext(String runId) {
      return CheckpointContext.of(glob, runId);
    }

    CheckpointContext siblingContext(String runId) {
      return CheckpointContext.of(sibling, runId);
    }

    String globTree(String runId) {
      return glob + "/runs/" + runId + "/";
    }
  }

  /** An object's size and content hash, as listed and read by the store's own client. */
  private record StoredContent(long size, String sha256) {
    /** What a case expects where the store should hold an object of this size but has none. */
    static StoredContent missing(long size) {
      return new StoredContent(size, "(missing)");
    }

    static StoredContent of(byte[] content) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
        return new StoredContent(content.length, HexFormat.of().formatHex(digest));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return size + " bytes, sha256 " + sha256.substring(0, Math.min(12, sha256.length()));
    }
  }

  private Pipeline pipeline() {
    return TestPipelines.create(storeArgs());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GlobRoot.class)
  void theStoreKeepsARootNameWithGlobCharactersLiterally(GlobRoot root) {
    assumeStoreKeepsNameOf(root);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GlobRoot.class)
  void cleanupUnderAGlobRootDeletesExactlyItsOwnRunTree(GlobRoot root) throws Exception {
    Roots roots = roots(root);
    SortedMap<String, StoredContent> before = snapshot(roots.prefix());
    String tree = roots.globTree("r1");
    SortedMap<String, StoredContent> doomed = startingWith(before, tree);
    assertEquals(5, doomed.size(), "x: manifest and 2 shards; orders: manifest and 1 shard");

    Pipeline cleaning = pipeline();
    PAssert.that(cleaning.apply(CheckpointIO.cleanup(roots.globContext("r1"))))
        .containsInAnyOrder(DeletedTree.of(tree, doomed.size(), bytes(doomed), 0));
    Optional<Throwable> failure = failureOf(() -> TestPipelines.run(cleaning));

    assertStoreHolds(roots, before, without(before, tree), failure);
    assertSucceeded(failure, "cleanup of r1 under " + roots.glob());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GlobRoot.class)
  void theSweepUnderAGlobRootListsAndDeletesExactlyItsOwnTrees(GlobRoot root) throws Exception {
    Roots roots = roots(root);
    Thread.sleep(AGING_MILLIS);
    SortedMap<String, StoredContent> before = snapshot(roots.prefix());
    String r1 = roots.globTree("r1");
    String r2 = roots.globTree("r2");

    Pipeline dryRun = pipeline();
    PAssert.that(summaries(dryRun.apply(sweep(roots).withDryRun(true))))
        .containsInAnyOrder(report(r1, "r1", before, false), report(r2, "r2", before, false));
    Optional<Throwable> listing = failureOf(() -> TestPipelines.run(dryRun));
    assertStoreHolds(roots, before, before, listing);

    Pipeline sweeping = pipeline();
    PAssert.that(summaries(sweeping.apply(sweep(roots))))
        .containsInAnyOrder(report(r1, "r1", before, true), report(r2, "r2", before, true));
    Optional<Throwable> swept = failureOf(() -> TestPipelines.run(sweeping));
    assertStoreHolds(roots, before, without(before, roots.glob() + "/runs/"), swept);
    assertSucceeded(listing, "the dry-run sweep of " + roots.glob());
    assertSucceeded(swept, "the sweep of " + roots.glob());
  }

  /**
   * Retention and grace period zero, so that the commit collects at once everything it may: the
   * superseded commit with its shards, and strays (an unlisted shard, an old temporary directory),
   * which both roots hold. Only the glob-named root's go; a user's file named almost like a shard
   * stays in both.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(GlobRoot.class)
  void anExclusiveRewriteUnderAGlobRootCollectsOnlyItsOwnOldFiles(GlobRoot root)
      throws Exception {
    Roots roots = roots(root);
    String directory = roots.globTree("r1") + "x/";
    for (String checkpoint : List.of(directory, roots.sibling() + "/runs/r1/x/")) {
      putObject(checkpoint + STRAY_SHARD, "no manifest lists me".getBytes(StandardCharsets.UTF_8));
      putObject(checkpoint + STRAY_TEMP_FILE, "left by a crash".getBytes(StandardCharsets.UTF_8));
      putObject(checkpoint + USER_FILE, "a user's notes".getBytes(StandardCharsets.UTF_8));
    }
    SortedMap<String, StoredContent> before = snapshot(roots.prefix());
    Map<String, Manifest> old = commitsIn(before, directory);
    assertEquals(1, old.size(), "the fixture's x holds one commit: " + old.keySet());
    List<Row> rewritten = TestRows.orders(1000, 1050);

    Pipeline rewriting = pipeline();
    rewriting
        .apply(Create.of(rewritten).withRowSchema(TestRows.ORDER))
        .apply(
            CheckpointIO.write("x")
                .to(roots.globContext("r1"))
                .withNumShards(2)
                .withRetention(Duration.ZERO)
                .withGracePeriod(Duration.ZERO));
    Optional<Throwable> failure = failureOf(() -> TestPipelines.run(rewriting));

    // The new commit as the store holds it, found with the store's own client: the library's
    // finding of commits is under test too. Every file x held before is garbage now, but the
    // user's.
    SortedMap<String, StoredContent> after = snapshot(roots.prefix());
    SortedMap<String, StoredContent> expected = without(before, directory);
    expected.put(directory + USER_FILE, before.get(directory + USER_FILE));
    SortedMap<String, StoredContent> added = startingWith(after, directory);
    added.keySet().removeAll(before.keySet());
    Map<String, Manifest> committed = commitsIn(added, directory);
    committed.forEach(
        (uri, manifest) -> {
          expected.put(uri, after.get(uri));
          for (ShardFile shard : manifest.shards()) {
            StoredContent stored = after.get(directory + shard.fileName());
            expected.put(
                directory + shard.fileName(),
                stored == null
                    ? StoredContent.missing(shard.sizeBytes())
                    : new StoredContent(shard.sizeBytes(), stored.sha256()));
          }
        });
    assertStoreHolds(roots, before, after, expected, failure);
    assertSucceeded(failure, "the re-write of x under " + roots.glob());
    assertEquals(1, committed.size(), "one new commit of x: " + committed.keySet());
    Manifest current = committed.values().iterator().next();
    assertNotEquals(old.values().iterator().next().writeId(), current.writeId());
    assertEquals(2, current.shards().size());

    Pipeline reading = pipeline();
    PAssert.that(reading.apply("Sibling", CheckpointIO.read("x").from(roots.siblingContext("r1"))))
        .containsInAnyOrder(SIBLING_X.rows());
    PAssert.that(reading.apply("Rewritten", CheckpointIO.read("x").from(roots.globContext("r1"))))
        .containsInAnyOrder(rewritten);
    TestPipelines.run(reading);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GlobRoot.class)
  void aReadUnderAGlobRootSeesOnlyItsOwnCheckpoints(GlobRoot root) throws Exception {
    Roots roots = roots(root);
    SortedMap<String, StoredContent> before = snapshot(roots.prefix());

    Optional<Throwable> missing =
        failureOf(
            () ->
                pipeline()
                    .apply(CheckpointIO.read(ONLY_IN_SIBLING).from(roots.globContext("r1"))));
    Pipeline reading = pipeline();
    PAssert.that(reading.apply("x", CheckpointIO.read("x").from(roots.globContext("r1"))))
        .containsInAnyOrder(GLOB_X.rows());
    PAssert.that(reading.apply("orders", CheckpointIO.read("orders").from(roots.globContext("r1"))))
        .containsInAnyOrder(GLOB_ORDERS.rows());
    Optional<Throwable> read = failureOf(() -> TestPipelines.run(reading));

    assertStoreHolds(roots, before, before, read);
    Throwable notFound =
        missing.orElseThrow(
            () ->
                new AssertionError(
                    "a read under "
                        + roots.glob()
                        + " found '"
                        + ONLY_IN_SIBLING
                        + "', which only "
                        + roots.sibling()
                        + " holds"));
    assertInstanceOf(CheckpointNotFoundException.class, notFound);
    String tried = ((CheckpointNotFoundException) notFound).getTriedPaths().get(0);
    assertTrue(
        tried.startsWith(roots.globTree("r1") + ONLY_IN_SIBLING + "/"),
        () -> "the read looked under " + roots.glob() + ", not at " + tried);
    assertSucceeded(read, "reads of x and orders under " + roots.glob());
  }

  /**
   * A fresh prefix holding the glob-named root and its sibling, copied object by object from the
   * fixture roots. Skips the case if the store cannot hold the name literally.
   */
  private Roots roots(GlobRoot root) throws Exception {
    assumeStoreKeepsNameOf(root);
    pipeline(); // construction-time reads use the file systems of the last pipeline's options
    if (templates == null) {
      templates = writeTemplates();
    }
    String prefix = bucketRoot() + "/case-" + UUID.randomUUID();
    Roots roots = new Roots(prefix, prefix + "/" + root.name, prefix + "/" + root.sibling);
    copy(templates + "/glob", roots.glob());
    copy(templates + "/sibling", roots.sibling());
    return roots;
  }

  /** Writes both fixture roots with one pipeline and returns the prefix that holds them. */
  private String writeTemplates() {
    String prefix = bucketRoot() + "/templates-" + UUID.randomUUID();
    Pipeline writing = pipeline();
    write(writing, prefix + "/glob", IN_GLOB_ROOT);
    write(writing, prefix + "/sibling", IN_SIBLING);
    TestPipelines.run(writing);
    return prefix;
  }

  private static void write(Pipeline pipeline, String root, List<Checkpoint> checkpoints) {
    for (Checkpoint checkpoint : checkpoints) {
      String step = root + "/" + checkpoint.runId() + "/" + checkpoint.name();
      pipeline
          .apply("Create " + step, Create.of(checkpoint.rows()).withRowSchema(TestRows.ORDER))
          .apply(
              "Write " + step,
              CheckpointIO.write(checkpoint.name())
                  .to(CheckpointContext.of(root, checkpoint.runId()))
                  .withNumShards(checkpoint.shards()));
    }
  }

  private void copy(String from, String to) throws Exception {
    List<String> objects = objectsUnder(from + "/");
    InParallel.forEach(
        objects, uri -> putObject(to + uri.substring(from.length()), getObject(uri)));
  }

  /**
   * Skips the calling case unless the store writes, lists and reads back an object under a
   * directory named like {@code root}, and lists that directory's prefix without its sibling: a
   * store that cannot would make the case say nothing about the library.
   */
  private void assumeStoreKeepsNameOf(GlobRoot root) {
    String refusal = refusals.computeIfAbsent(root, this::probe);
    assumeTrue(
        refusal.isEmpty(),
        () ->
            storeName()
                + " cannot hold a directory named '"
                + root.name
                + "' literally, so the case cannot run there: "
                + refusal);
  }

  private String probe(GlobRoot root) {
    String prefix = bucketRoot() + "/probe-" + UUID.randomUUID();
    String literal = prefix + "/" + root.name + "/probe.txt";
    String sibling = prefix + "/" + root.sibling + "/probe.txt";
    try {
      putObject(literal, literal.getBytes(StandardCharsets.UTF_8));
      putObject(sibling, sibling.getBytes(StandardCharsets.UTF_8));
      List<String> all = objectsUnder(prefix + "/");
      if (!all.equals(List.of(literal, sibling).stream().sorted().toList())) {
        return "wrote " + literal + " and " + sibling + ", but the listing gave " + all;
      }
      List<String> underRoot = objectsUnder(prefix + "/" + root.name + "/");
      if (!underRoot.equals(List.of(literal))) {
        return "a listing of the prefix " + prefix + "/" + root.name + "/ gave " + underRoot;
      }
      if (!Arrays.equals(getObject(literal), literal.getBytes(StandardCharsets.UTF_8))) {
        return "reading " + literal + " back gave other bytes";
      }
      return "";
    } catch (IOException | RuntimeException e) {
      return "writing or listing " + literal + " failed: " + e;
    }
  }

  /**
   * The commit files (manifests) among {@code objects} directly in {@code directory}, by URI: the
   * JSON files there that parse as a manifest, whatever the protocol names them.
   */
  private Map<String, Manifest> commitsIn(
      SortedMap<String, StoredContent> objects, String directory) throws IOException {
    Map<String, Manifest> commits = new TreeMap<>();
    for (String uri : startingWith(objects, directory).keySet()) {
      String name = uri.substring(directory.length());
      if (name.contains("/") || !name.endsWith(".json")) {
        continue;
      }
      try {
        commits.put(
            uri, ManifestJson.fromJson(new String(getObject(uri), StandardCharsets.UTF_8)));
      } catch (IOException | RuntimeException notAManifest) {
        // A JSON file of something else: not a commit.
      }
    }
    return commits;
  }

  private CheckpointIO.Sweep sweep(Roots roots) {
    // Forced: an age this small is refused otherwise, as a running write's files may be as young.
    return CheckpointIO.sweep(roots.glob()).olderThan(Duration.millis(1)).withForce(true);
  }

  /** Every object under the prefix, by URI, with its size and hash, read by the store's client. */
  private SortedMap<String, StoredContent> snapshot(String prefix) throws IOException {
    SortedMap<String, StoredContent> objects = new TreeMap<>();
    for (String uri : objectsUnder(prefix + "/")) {
      objects.put(uri, StoredContent.of(getObject(uri)));
    }
    return objects;
  }

  private void assertStoreHolds(
      Roots roots,
      SortedMap<String, StoredContent> before,
      SortedMap<String, StoredContent> expected,
      Optional<Throwable> failure)
      throws IOException {
    assertStoreHolds(roots, before, snapshot(roots.prefix()), expected, failure);
  }

  /**
   * The sibling first (nothing there may change), then everything under the case's prefix: the
   * glob-named root lost exactly what the entry point owns.
   */
  private static void assertStoreHolds(
      Roots roots,
      SortedMap<String, StoredContent> before,
      SortedMap<String, StoredContent> after,
      SortedMap<String, StoredContent> expected,
      Optional<Throwable> failure) {
    String sibling = roots.sibling() + "/";
    String meanwhile = failure.map(e -> "; meanwhile the pipeline failed: " + cause(e)).orElse("");
    if (!startingWith(before, sibling).equals(startingWith(after, sibling))) {
      fail(
          "Nothing under the sibling "
              + sibling
              + " may change, but under "
              + roots.prefix()
              + "/ it "
              + changes(roots, startingWith(before, sibling), startingWith(after, sibling))
              + meanwhile);
    }
    if (!expected.equals(after)) {
      fail(
          "Under "
              + roots.prefix()
              + "/ the store should have "
              + changes(roots, before, expected)
              + "; but it "
              + changes(roots, before, after)
              + meanwhile);
    }
  }

  /** The innermost cause's first line: what went wrong, without the runner's wrapping. */
  private static String cause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.toString().strip().split("\\R", 2)[0];
  }

  /** What happened between two listings: objects deleted, added and rewritten, by short name. */
  private static String changes(
      Roots roots,
      SortedMap<String, StoredContent> before,
      SortedMap<String, StoredContent> after) {
    List<String> deleted = new ArrayList<>();
    List<String> rewritten = new ArrayList<>();
    List<String> added = new ArrayList<>();
    String prefix = roots.prefix() + "/";
    before.forEach(
        (uri, content) -> {
          if (!after.containsKey(uri)) {
            deleted.add(uri.substring(prefix.length()));
          } else if (!content.equals(after.get(uri))) {
            rewritten.add(uri.substring(prefix.length()) + " (now " + after.get(uri) + ")");
          }
        });
    after.forEach(
        (uri, content) -> {
          if (!before.containsKey(uri)) {
            added.add(uri.substring(prefix.length()) + " (" + content + ")");
          }
        });
    return "deleted " + deleted + ", added " + added + ", rewritten " + rewritten;
  }

  private static SortedMap<String, StoredContent> startingWith(
      SortedMap<String, StoredContent> objects, String prefix) {
    SortedMap<String, StoredContent> under = new TreeMap<>();
    objects.forEach(
        (uri, content) -> {
          if (uri.startsWith(prefix)) {
            under.put(uri, content);
          }
        });
    return under;
  }

  private static SortedMap<String, StoredContent> without(
      SortedMap<String, StoredContent> objects, String prefix) {
    SortedMap<String, StoredContent> rest = new TreeMap<>(objects);
    rest.keySet().removeIf(uri -> uri.startsWith(prefix));
    return rest;
  }

  private static long bytes(SortedMap<String, StoredContent> objects) {
    return objects.values().stream().mapToLong(StoredContent::size).sum();
  }

  /** A swept tree as the case compares it; its newest file's time is the store's to say. */
  private static String describe(SweptTree tree) {
    return report(
        tree.getDirectory(), tree.getId(), tree.getFiles(), tree.getBytes(), tree.isDeleted());
  }

  /** What the sweep should report of {@code tree}, whose files {@code objects} lists. */
  private static String report(
      String tree, String runId, SortedMap<String, StoredContent> objects, boolean deleted) {
    SortedMap<String, StoredContent> files = startingWith(objects, tree);
    return report(tree, runId, files.size(), bytes(files), deleted);
  }

  private static String report(
      String directory, String id, long files, long bytes, boolean deleted) {
    return String.format(
        "%s (run %s): %d files, %d bytes, %s",
        directory, id, files, bytes, deleted ? "deleted" : "kept");
  }

  private static PCollection<String> summaries(PCollection<SweptTree> trees) {
    return trees.apply(
        MapElements.into(TypeDescriptors.strings())
            .via(ObjectStoreDeletionSafetyContract::describe));
  }

  /** A call that may fail. */
  private interface Call {
    void run() throws Exception;
  }

  /**
   * Runs {@code call} and returns its failure instead of throwing it, so that a case checks what
   * the store holds before what the library reported.
   */
  private static Optional<Throwable> failureOf(Call call) {
    try {
      call.run();
      return Optional.empty();
    } catch (Exception | AssertionError e) {
      return Optional.of(e);
    }
  }

  private static void assertSucceeded(Optional<Throwable> failure, String what) {
    if (failure.isPresent()) {
      throw new AssertionError(
          what + " failed or reported otherwise than expected", failure.get());
    }
  }
}
