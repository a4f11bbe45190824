package org.checkpointio.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.checkpointio.cleanup.FindScopeTrees;
import org.checkpointio.cleanup.SweptTree;
import org.checkpointio.cleanup.TreeAge;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.joda.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code checkpoint ls ROOT [--json]}: every run and correlation tree and its checkpoints. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    description = {
      "Lists the runs and correlations under ROOT (ids decoded) and their committed checkpoints:"
          + " name, format, rows, bytes and age (since the newest commit).",
      "A tree with no committed checkpoint (a write that never committed) shows its files' size"
          + " and the age of its newest file."
    })
final class ListTrees implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROOT",
      description = "The checkpoint root: a local directory, gs://bucket/path or s3://bucket/path.")
  String root;

  @Option(
      names = "--json",
      description =
          "Print one JSON object instead: 'root' and 'trees', each with its files, bytes, newest"
              + " file time and committed checkpoints (see docs/operations.md).")
  boolean json;

  /** One tree and what its checkpoint directories hold. */
  private record Contents(
      SweptTree tree,
      SortedMap<String, List<Manifest>> committed,
      Map<String, String> unreadable) {}

  @Override
  public Integer call() throws Exception {
    String checked = CheckpointRoot.check(spec, root);
    PrintWriter out = spec.commandLine().getOut();
    List<Contents> trees = new ArrayList<>();
    for (SweptTree tree : FindScopeTrees.under(checked)) {
      Map<String, String> unreadable = new TreeMap<>();
      SortedMap<String, List<Manifest>> committed =
          CommittedManifests.inTree(ScopeTree.of(checked, tree.scope(), tree.id()), unreadable);
      for (Map.Entry<String, String> damaged : unreadable.entrySet()) {
        spec.commandLine()
            .getErr()
            .printf("%s: %s: %s%n", spec.qualifiedName(), damaged.getKey(), damaged.getValue());
      }
      trees.add(new Contents(tree, committed, unreadable));
    }
    if (json) {
      JsonDocument.print(out, document(checked, trees));
    } else if (trees.isEmpty()) {
      out.println("No checkpoint trees under " + checked);
    } else {
      printTable(out, trees);
    }
    return 0;
  }

  private static void printTable(PrintWriter out, List<Contents> trees) {
    Table table = new Table("SCOPE", "ID", "NAME", "FORMAT", "ROWS", "BYTES", "AGE");
    long now = System.currentTimeMillis();
    int checkpoints = 0;
    for (Contents contents : trees) {
      SweptTree tree = contents.tree();
      String scope = tree.scope().name().toLowerCase(Locale.ROOT);
      for (String damaged : contents.unreadable().keySet()) {
        table.add(scope, tree.id(), damaged, "(unreadable)", "-", "-", "-");
      }
      if (contents.committed().isEmpty() && contents.unreadable().isEmpty()) {
        table.add(
            scope,
            tree.id(),
            "(none committed)",
            "-",
            "-",
            tree.bytes(),
            age(now, tree.newestFileMillis()));
      }
      for (Map.Entry<String, List<Manifest>> checkpoint : contents.committed().entrySet()) {
        List<Manifest> manifests = checkpoint.getValue();
        table.add(
            scope,
            tree.id(),
            checkpoint.getKey(),
            manifests.get(0).fileFormat(),
            totalRows(manifests),
            totalBytes(manifests),
            age(now, newestCommit(manifests).toEpochMilli()));
        checkpoints++;
      }
    }
    table.print(out, "");
    out.printf(
        "%s, %s%n",
        Plural.of(trees.size(), "tree"), Plural.of(checkpoints, "committed checkpoint"));
  }

  /**
   * {@code root} and {@code trees}: per tree its {@code scope}, {@code id}, {@code directory},
   * {@code files}, {@code bytes} and {@code newestFileModifiedAt}; its {@code checkpoints} (each
   * {@code name}, {@code fileFormat}, {@code totalRows}, {@code totalBytes}, {@code
   * lastCommittedAt}); and {@code unreadable}, the checkpoints whose manifests could not be read
   * (each {@code name} and {@code error}).
   */
  private static ObjectNode document(String root, List<Contents> trees) {
    ObjectNode document = JsonDocument.of(root);
    ArrayNode listed = document.putArray("trees");
    for (Contents contents : trees) {
      SweptTree tree = contents.tree();
      ObjectNode node = JsonDocument.tree(listed.addObject(), tree);
      node.put("files", tree.files());
      node.put("bytes", tree.bytes());
      node.put("newestFileModifiedAt", JsonDocument.time(tree.newestFileMillis()));
      ArrayNode checkpoints = node.putArray("checkpoints");
      for (Map.Entry<String, List<Manifest>> checkpoint : contents.committed().entrySet()) {
        List<Manifest> manifests = checkpoint.getValue();
        checkpoints
            .addObject()
            .put("name", checkpoint.getKey())
            .put("fileFormat", manifests.get(0).fileFormat().name())
            .put("totalRows", totalRows(manifests))
            .put("totalBytes", totalBytes(manifests))
            .put("lastCommittedAt", newestCommit(manifests).toString());
      }
      ArrayNode unreadable = node.putArray("unreadable");
      contents
          .unreadable()
          .forEach((name, error) -> unreadable.addObject().put("name", name).put("error", error));
    }
    return document;
  }

  private static long totalRows(List<Manifest> manifests) {
    return manifests.stream().mapToLong(Manifest::totalRows).sum();
  }

  private static long totalBytes(List<Manifest> manifests) {
    return manifests.stream().mapToLong(Manifest::totalBytes).sum();
  }

  private static Instant newestCommit(List<Manifest> manifests) {
    return manifests.stream().map(Manifest::createdAt).max(Comparator.naturalOrder()).orElseThrow();
  }

  private static String age(long now, long thenMillis) {
    return TreeAge.format(Duration.millis(now - thenMillis));
  }
}
