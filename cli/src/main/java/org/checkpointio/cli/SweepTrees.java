package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.checkpointio.DeleteProgress;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CheckpointTree;
import org.checkpointio.SweptTree;
import org.checkpointio.TreeAge;
import org.joda.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code checkpoint sweep ROOT --older-than 72h [--dry-run] [--yes] [--force] [--json]}: the TTL
 * sweep, run here.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Deletes every run and correlation tree under ROOT whose newest file is older than the"
          + " given age, as the library's TTL sweep does. A tree with any newer file is never"
          + " touched, nor one where a write is in progress (its _writing marker is younger than"
          + " 24h); both are checked again just before a tree is deleted.",
      "Lists the trees it would delete and asks first, unless --yes or --dry-run."
    })
final class SweepTrees implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROOT",
      description = "The checkpoint root: a local directory, gs://bucket/path or s3://bucket/path.")
  String root;

  @Option(
      names = "--older-than",
      required = true,
      paramLabel = "AGE",
      converter = AgeConverter.class,
      description =
          "A whole number and a unit s, m, h or d, e.g. 30m, 72h, 7d; at least 1h unless --force.")
  Duration olderThan;

  @Option(names = "--dry-run", description = "Only list what would be deleted.")
  boolean dryRun;

  @Option(
      names = {"-y", "--yes"},
      description = "Delete without asking.")
  boolean yes;

  @Option(
      names = "--force",
      description =
          "Take an age under 1h, for a root no pipeline writes to now: a running write's files"
              + " may be that young.")
  boolean force;

  @Option(
      names = "--json",
      description =
          "Print one JSON object instead: the age, whether a dry run, how many trees were listed,"
              + " and 'trees', those deleted (or that would be) with their files and bytes (see"
              + " docs/operations.md). The list before the question, and the question, go to"
              + " stderr.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    CheckpointStore store = CheckpointRoot.check(spec, root);
    String checked = store.root();
    try {
      CheckpointStore.checkSweepAge(olderThan, force, "--force");
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<CheckpointTree> trees = store.trees();
    List<CheckpointTree> toSweep = trees;
    if (!dryRun && !yes) {
      // With --json, stdout holds the document alone.
      PrintWriter asking = json ? err : out;
      toSweep = expired(store, trees);
      for (CheckpointTree tree : toSweep) {
        asking.println(describe("Would delete", tree));
      }
      String these = Plural.word(toSweep.size(), "this tree", "these " + toSweep.size() + " trees");
      if (!toSweep.isEmpty() && !Confirmation.ask(asking, "Delete " + these + "? [y/N] ")) {
        err.println(spec.qualifiedName() + ": " + Confirmation.NOT_CONFIRMED);
        return CheckpointCommand.FAILED;
      }
    }
    DeletionProgressLine progress = new DeletionProgressLine(err);
    DeletedTreesJson deletions = new DeletedTreesJson(checked);
    int swept = 0;
    long failures = 0;
    for (CheckpointTree tree : toSweep) {
      Optional<SweptTree> done = store.sweep(tree, olderThan, dryRun, progress);
      if (done.isPresent()) {
        swept++;
        failures += done.get().getFailures();
        if (json) {
          deletions.add(done.get());
        } else {
          out.println(describe(dryRun ? "Would delete" : "Deleted", tree));
        }
      }
    }
    int exitCode = failures == 0 ? 0 : CheckpointCommand.FAILED;
    if (failures > 0) {
      err.printf(
          "%s: %s could not be deleted (see the warnings above); run the sweep again%n",
          spec.qualifiedName(), Plural.of(failures, "file"));
    }
    if (json) {
      deletions
          .document()
          .put("olderThanSeconds", olderThan.getStandardSeconds())
          .put("dryRun", dryRun)
          .put("treesListed", trees.size());
      deletions.print(out);
      return exitCode;
    }
    String listed = Plural.of(trees.size(), "tree");
    String age = TreeAge.format(olderThan);
    if (dryRun) {
      out.printf(
          "Dry run: %d of %s %s no file newer than %s; nothing was deleted%n",
          swept, listed, Plural.word(swept, "has", "have"), age);
    } else {
      out.printf(
          "Deleted %d of %s: %s no file newer than %s%n",
          swept, listed, Plural.word(swept, "it had", "they had"), age);
    }
    return exitCode;
  }

  /** The trees a sweep would delete now, found as a dry run finds them. */
  private List<CheckpointTree> expired(CheckpointStore store, List<CheckpointTree> trees)
      throws Exception {
    List<CheckpointTree> expired = new ArrayList<>();
    for (CheckpointTree tree : trees) {
      if (store.sweep(tree, olderThan, true, DeleteProgress.NONE).isPresent()) {
        expired.add(tree);
      }
    }
    return expired;
  }

  private static String describe(String verb, CheckpointTree tree) {
    return String.format(
        "%s %s: %s (%s, %s, newest file %s old)",
        verb,
        ScopeOption.label(tree.getScope(), tree.getId()),
        tree.getDirectory(),
        Plural.of(tree.getFiles(), "file"),
        Plural.of(tree.getBytes(), "byte"),
        TreeAge.format(Duration.millis(System.currentTimeMillis() - tree.getNewestFileMillis())));
  }

  /** Parses {@code --older-than} with the library's {@link TreeAge}. */
  static final class AgeConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return TreeAge.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
