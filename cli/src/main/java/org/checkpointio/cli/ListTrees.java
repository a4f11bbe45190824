package org.checkpointio.cli;

import java.io.PrintWriter;
import java.time.Instant;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code checkpoint ls ROOT}: every run and correlation tree and the checkpoints in it. */
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

  @Override
  public Integer call() throws Exception {
    String checked = CheckpointRoot.check(spec, root);
    PrintWriter out = spec.commandLine().getOut();
    List<SweptTree> trees = FindScopeTrees.under(checked);
    if (trees.isEmpty()) {
      out.println("No checkpoint trees under " + checked);
      return 0;
    }
    Table table = new Table("SCOPE", "ID", "NAME", "FORMAT", "ROWS", "BYTES", "AGE");
    long now = System.currentTimeMillis();
    int checkpoints = 0;
    for (SweptTree tree : trees) {
      Map<String, String> unreadable = new TreeMap<>();
      SortedMap<String, List<Manifest>> committed =
          CommittedManifests.inTree(ScopeTree.of(checked, tree.scope(), tree.id()), unreadable);
      String scope = tree.scope().name().toLowerCase(Locale.ROOT);
      for (Map.Entry<String, String> damaged : unreadable.entrySet()) {
        table.add(scope, tree.id(), damaged.getKey(), "(unreadable)", "-", "-", "-");
        spec.commandLine()
            .getErr()
            .printf("%s: %s: %s%n", spec.qualifiedName(), damaged.getKey(), damaged.getValue());
      }
      if (committed.isEmpty() && unreadable.isEmpty()) {
        table.add(
            scope,
            tree.id(),
            "(none committed)",
            "-",
            "-",
            tree.bytes(),
            age(now, tree.newestFileMillis()));
      }
      for (Map.Entry<String, List<Manifest>> checkpoint : committed.entrySet()) {
        List<Manifest> manifests = checkpoint.getValue();
        table.add(
            scope,
            tree.id(),
            checkpoint.getKey(),
            manifests.get(0).fileFormat(),
            manifests.stream().mapToLong(Manifest::totalRows).sum(),
            manifests.stream().mapToLong(Manifest::totalBytes).sum(),
            age(now, newestCommit(manifests).toEpochMilli()));
        checkpoints++;
      }
    }
    table.print(out, "");
    out.printf("%d trees, %d committed checkpoints%n", trees.size(), checkpoints);
    return 0;
  }

  private static Instant newestCommit(List<Manifest> manifests) {
    return manifests.stream().map(Manifest::createdAt).max(Comparator.naturalOrder()).orElseThrow();
  }

  private static String age(long now, long thenMillis) {
    return TreeAge.format(Duration.millis(now - thenMillis));
  }
}
