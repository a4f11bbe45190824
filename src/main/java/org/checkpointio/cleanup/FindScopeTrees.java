package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointScope;
import org.checkpointio.files.StoredFiles;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the scope trees under a root with their file count, size and newest file (of links, the
 * link's own). Only trees this library wrote are listed: a directory whose name is no encoding this
 * library writes, one that holds no checkpoint file of a write (manifest, shard, temporary or
 * staged file), a stray file or a link beside the trees: each is skipped with one warning and never
 * swept. The TTL sweep runs it as a {@code DoFn}; tools call {@link #under} directly.
 */
public final class FindScopeTrees extends DoFn<String, SweptTree> {
  private static final Logger LOG = LoggerFactory.getLogger(FindScopeTrees.class);

  @ProcessElement
  public void process(@Element String root, OutputReceiver<SweptTree> out) throws IOException {
    for (SweptTree tree : under(root)) {
      out.output(tree);
    }
  }

  /** Every tree under {@code root}: RUN scope first, then CORRELATION, each sorted by id. */
  public static List<SweptTree> under(String root) throws IOException {
    List<SweptTree> trees = new ArrayList<>();
    for (CheckpointScope scope : CheckpointScope.values()) {
      trees.addAll(summarise(root, scope));
    }
    trees.sort(Comparator.comparing(SweptTree::scope).thenComparing(SweptTree::id));
    return trees;
  }

  /** The trees of one scope under {@code root} that this library wrote, as they are now. */
  public static List<SweptTree> summarise(String root, CheckpointScope scope) throws IOException {
    ResourceId parent =
        ScopeTree.rootDirectory(root)
            .resolve(ScopeTree.scopeDirectoryName(scope), StandardResolveOptions.RESOLVE_DIRECTORY);
    String prefix = parent.toString();
    Map<String, List<MatchResult.Metadata>> bySegment = new TreeMap<>();
    for (MatchResult.Metadata file : StoredFiles.listTree(parent)) {
      String relative = file.resourceId().toString().substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash <= 0) {
        LOG.warn("Ignoring {}: a file or link beside the scope trees, not one", file.resourceId());
        continue;
      }
      bySegment
          .computeIfAbsent(relative.substring(0, slash), segment -> new ArrayList<>())
          .add(file);
    }
    List<SweptTree> found = new ArrayList<>();
    bySegment.forEach(
        (segment, files) -> {
          Optional<String> id = PathSegment.decode(ScopeTree.idLabel(scope), segment);
          if (id.isEmpty()) {
            LOG.warn(
                "Ignoring {}{}/: its name is no {} this library encodes",
                prefix,
                segment,
                ScopeTree.idLabel(scope));
            return;
          }
          ScopeTree tree = ScopeTree.of(root, scope, id.get());
          if (!holdsAWrite(tree, files)) {
            LOG.warn(
                "Ignoring {}: it holds no checkpoint (no manifest, shard or temporary file of a"
                    + " write), so this library did not write it",
                tree.directory());
            return;
          }
          found.add(summary(tree, files));
        });
    return found;
  }

  /**
   * One tree as it is now, listing only its own prefix; empty if nothing is there. Whatever the
   * tree holds counts, written by this library or not: this is what deleting it would delete.
   */
  public static Optional<SweptTree> summarise(ScopeTree tree) throws IOException {
    List<MatchResult.Metadata> files = StoredFiles.listTree(tree.directory());
    return files.isEmpty() ? Optional.empty() : Optional.of(summary(tree, files));
  }

  /** As {@link #summarise(ScopeTree)}, but empty too if the tree holds no write of this library. */
  static Optional<SweptTree> summariseIfWritten(ScopeTree tree) throws IOException {
    List<MatchResult.Metadata> files = StoredFiles.listTree(tree.directory());
    return holdsAWrite(tree, files) ? Optional.of(summary(tree, files)) : Optional.empty();
  }

  /** True if a checkpoint directory of the tree, named as this library names one, holds a write. */
  private static boolean holdsAWrite(ScopeTree tree, List<MatchResult.Metadata> files) {
    String prefix = tree.directory().toString();
    for (MatchResult.Metadata file : files) {
      String path = file.resourceId().toString();
      if (!path.startsWith(prefix)) {
        continue; // the tree itself is a link
      }
      String relative = path.substring(prefix.length());
      int slash = relative.indexOf('/');
      if (slash > 0
          && PathSegment.decode("checkpoint name", relative.substring(0, slash)).isPresent()
          && CheckpointPaths.isWrittenByAWrite(relative.substring(slash + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The newest in-progress marker of a write in the tree, {@code {name}/.tmp-{writeId}/_writing},
   * listing only the tree's own prefix; empty if no write left one. The sweep leaves a tree with a
   * young one alone.
   */
  static Optional<MatchResult.Metadata> newestWriteMarker(ScopeTree tree) throws IOException {
    String prefix = tree.directory().toString();
    Optional<MatchResult.Metadata> newest = Optional.empty();
    for (MatchResult.Metadata file : StoredFiles.listTree(tree.directory())) {
      String path = file.resourceId().toString();
      if (path.startsWith(prefix)
          && isWriteMarker(tree, path.substring(prefix.length()), path)
          && (newest.isEmpty()
              || file.lastModifiedMillis() > newest.get().lastModifiedMillis())) {
        newest = Optional.of(file);
      }
    }
    return newest;
  }

  /**
   * True if {@code path} ({@code relative} to the tree) is where a write of a checkpoint in the
   * tree keeps its marker ({@link CheckpointPaths#writingMarker}).
   */
  private static boolean isWriteMarker(ScopeTree tree, String relative, String path) {
    String[] segments = relative.split("/", -1);
    if (segments.length != 3) {
      return false;
    }
    Optional<String> name = PathSegment.decode("checkpoint name", segments[0]);
    Optional<String> writeId = CheckpointPaths.tempWriteId(segments[1]);
    return name.isPresent()
        && writeId.isPresent()
        && tree.checkpoint(name.get()).writingMarker(writeId.get()).toString().equals(path);
  }

  private static SweptTree summary(ScopeTree tree, List<MatchResult.Metadata> files) {
    long bytes = 0;
    long newest = 0;
    for (MatchResult.Metadata file : files) {
      bytes += file.sizeBytes();
      newest = Math.max(newest, file.lastModifiedMillis());
    }
    return SweptTree.of(
        tree.directory().toString(),
        tree.scope(),
        tree.id(),
        files.size(),
        bytes,
        newest,
        false);
  }
}
