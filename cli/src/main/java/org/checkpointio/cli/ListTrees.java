package org.checkpointio.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointTree;
import org.checkpointio.StoredCheckpoint;
import org.checkpointio.TreeAge;
import org.checkpointio.TreeContents;
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
  private record Contents(CheckpointTree tree, TreeContents contents) {}

  @Override
  public Integer call() throws Exception {
    CheckpointStore store = CheckpointRoot.check(spec, root);
    String checked = store.root();
    PrintWriter out = spec.commandLine().getOut();
    List<Contents> trees = new ArrayList<>();
    for (CheckpointTree tree : store.trees()) {
      TreeContents contents = store.contents(tree.getScope(), tree.getId());
      for (Map.Entry<String, String> damaged : contents.unreadable().entrySet()) {
        spec.commandLine()
            .getErr()
            .printf("%s: %s: %s%n", spec.qualifiedName(), damaged.getKey(), damaged.getValue());
      }
      trees.add(new Contents(tree, contents));
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
    for (Contents listed : trees) {
      CheckpointTree tree = listed.tree();
      TreeContents contents = listed.contents();
      String scope = tree.getScope().name().toLowerCase(Locale.ROOT);
      for (String damaged : contents.unreadable().keySet()) {
        table.add(scope, tree.getId(), damaged, "(unreadable)", "-", "-", "-");
      }
      if (contents.checkpoints().isEmpty() && contents.unreadable().isEmpty()) {
        table.add(
            scope,
            tree.getId(),
            "(none committed)",
            "-",
            "-",
            tree.getBytes(),
            age(now, tree.getNewestFileMillis()));
      }
      for (StoredCheckpoint checkpoint : contents.checkpoints()) {
        table.add(
            scope,
            tree.getId(),
            checkpoint.name(),
            checkpoint.format(),
            checkpoint.rows(),
            checkpoint.bytes(),
            age(now, checkpoint.lastCommittedAt().toEpochMilli()));
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
      CheckpointTree tree = contents.tree();
      ObjectNode node =
          JsonDocument.tree(listed.addObject(), tree.getScope(), tree.getId(), tree.getDirectory());
      node.put("files", tree.getFiles());
      node.put("bytes", tree.getBytes());
      node.put("newestFileModifiedAt", JsonDocument.time(tree.getNewestFileMillis()));
      ArrayNode checkpoints = node.putArray("checkpoints");
      for (StoredCheckpoint checkpoint : contents.contents().checkpoints()) {
        checkpoints
            .addObject()
            .put("name", checkpoint.name())
            .put("fileFormat", checkpoint.format().name())
            .put("totalRows", checkpoint.rows())
            .put("totalBytes", checkpoint.bytes())
            .put("lastCommittedAt", checkpoint.lastCommittedAt().toString());
      }
      ArrayNode unreadable = node.putArray("unreadable");
      contents
          .contents()
          .unreadable()
          .forEach((name, error) -> unreadable.addObject().put("name", name).put("error", error));
    }
    return document;
  }

  private static String age(long now, long thenMillis) {
    return TreeAge.format(Duration.millis(now - thenMillis));
  }
}
