package org.checkpointio.cleanup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.PathSegment;
import org.checkpointio.layout.ScopeTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the scope trees under a root with their file count, size and newest file. Directories
 * whose names are not encodings this library writes, and stray files beside the trees, are
 * reported in the log and otherwise left alone. The TTL sweep runs it as a {@code DoFn}; tools
 * call {@link #under} directly.
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

  /** The trees of one scope under {@code root}, as they are now. */
  public static List<SweptTree> summarise(String root, CheckpointScope scope) throws IOException {
    String parent =
        ScopeTree.rootDirectory(root)
            .resolve(
                ScopeTree.scopeDirectoryName(scope),
                org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY)
            .toString();
    MatchResult match =
        FileSystems.match(List.of(parent + "**"), EmptyMatchTreatment.ALLOW).get(0);
    Map<String, long[]> trees = new LinkedHashMap<>(); // segment -> files, bytes, newest
    if (match.status() == MatchResult.Status.OK) {
      for (MatchResult.Metadata file : match.metadata()) {
        String path = file.resourceId().toString();
        String relative = path.startsWith(parent) ? path.substring(parent.length()) : "";
        int slash = relative.indexOf('/');
        if (slash <= 0) {
          LOG.warn("Ignoring {}: not inside a scope tree", file.resourceId());
          continue;
        }
        long[] totals = trees.computeIfAbsent(relative.substring(0, slash), s -> new long[3]);
        totals[0]++;
        totals[1] += file.sizeBytes();
        totals[2] = Math.max(totals[2], file.lastModifiedMillis());
      }
    }
    List<SweptTree> found = new ArrayList<>();
    trees.forEach(
        (segment, totals) -> {
          String id = PathSegment.decode(segment);
          ScopeTree tree;
          try {
            tree = ScopeTree.of(root, scope, id);
          } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring {}{}/: not a tree this library writes", parent, segment);
            return;
          }
          if (!tree.encodedId().equals(segment)) {
            LOG.warn("Ignoring {}{}/: not a tree this library writes", parent, segment);
            return;
          }
          found.add(
              SweptTree.of(
                  tree.directory().toString(), scope, id, totals[0], totals[1], totals[2], false));
        });
    return found;
  }
}
