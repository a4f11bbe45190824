package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.checkpointio.DeletedTree;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointTree;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code checkpoint rm ROOT (--run ID | --correlation ID) [--yes] [--json]}: deletes one tree. */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes the whole tree of one run or correlation, as the cleanup transform does: every file"
          + " in batches, then the empty directories. Asks first unless --yes.",
      "A missing tree is not an error: there is nothing to delete."
    })
final class RemoveTree implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROOT",
      description = "The checkpoint root: a local directory, gs://bucket/path or s3://bucket/path.")
  String root;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ScopeOption.Choice choice;

  @Option(
      names = {"-y", "--yes"},
      description = "Delete without asking.")
  boolean yes;

  @Option(
      names = "--json",
      description =
          "Print one JSON object instead: 'root' and 'trees', the tree deleted (none if it was"
              + " not there) with its files, bytes and failures (see docs/operations.md). The"
              + " question goes to stderr.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CheckpointStore store = CheckpointRoot.check(spec, root);
    String checked = store.root();
    ScopeOption.check(spec, store, choice);
    CheckpointScope scope = ScopeOption.scope(choice);
    String id = ScopeOption.id(choice);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String label = ScopeOption.label(scope, id);
    Optional<CheckpointTree> listed = store.summary(scope, id);
    DeletedTreesJson deletions = new DeletedTreesJson(checked);
    if (listed.isEmpty()) {
      if (json) {
        deletions.print(out);
      } else {
        out.printf("Nothing to delete: %s has no tree under %s%n", label, checked);
      }
      return 0;
    }
    CheckpointTree found = listed.get();
    String what =
        String.format(
            "%s: %s (%s, %s)",
            label,
            found.getDirectory(),
            Plural.of(found.getFiles(), "file"),
            Plural.of(found.getBytes(), "byte"));
    if (!yes && !Confirmation.ask(json ? err : out, "Delete " + what + "? [y/N] ")) {
      err.println(spec.qualifiedName() + ": " + Confirmation.NOT_CONFIRMED);
      return CheckpointCommand.FAILED;
    }
    DeletedTree deleted = store.delete(scope, id, new DeletionProgressLine(err));
    if (json) {
      deletions.add(found, deleted);
      deletions.print(out);
    } else {
      out.printf(
          "Deleted %s: %s, %s%n",
          label,
          Plural.of(deleted.getFilesDeleted(), "file"),
          Plural.of(deleted.getBytesDeleted(), "byte"));
    }
    if (deleted.getFailures() > 0) {
      err.printf(
          "%s: %s under %s could not be deleted (each is logged above); run rm again%n",
          spec.qualifiedName(), Plural.of(deleted.getFailures(), "file"), deleted.getDirectory());
      return CheckpointCommand.FAILED;
    }
    return 0;
  }
}
