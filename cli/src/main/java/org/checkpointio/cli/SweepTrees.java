package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.checkpointio.cleanup.FindScopeTrees;
import org.checkpointio.cleanup.SweepExpiredTree;
import org.checkpointio.cleanup.SweptTree;
import org.checkpointio.cleanup.TreeAge;
import org.joda.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code checkpoint sweep ROOT --older-than 72h [--dry-run]}: the TTL sweep, run here. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description =
        "Deletes every run and correlation tree under ROOT whose newest file is older than the"
            + " given age, as the library's TTL sweep does. A tree with any newer file is never"
            + " touched; the age is checked again just before a tree is deleted.")
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
      description = "A whole number and a unit s, m, h or d, e.g. 30m, 72h, 7d.")
  Duration olderThan;

  @Option(names = "--dry-run", description = "Only list what would be deleted.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    String checked = CheckpointRoot.check(spec, root);
    PrintWriter out = spec.commandLine().getOut();
    DeletionProgressLine progress = new DeletionProgressLine(spec.commandLine().getErr());
    List<SweptTree> trees = FindScopeTrees.under(checked);
    long now = System.currentTimeMillis();
    int expired = 0;
    for (SweptTree tree : trees) {
      Optional<SweptTree> swept =
          SweepExpiredTree.sweepIfExpired(checked, tree, olderThan, dryRun, progress);
      if (swept.isEmpty()) {
        continue;
      }
      expired++;
      out.printf(
          "%s %s: %s (%d files, %d bytes, newest file %s old)%n",
          dryRun ? "Would delete" : "Deleted",
          ScopeOption.label(tree.scope(), tree.id()),
          tree.directory(),
          tree.files(),
          tree.bytes(),
          TreeAge.format(Duration.millis(now - tree.newestFileMillis())));
    }
    String age = TreeAge.format(olderThan);
    if (dryRun) {
      out.printf(
          "Dry run: %d of %d trees have no file newer than %s; nothing was deleted%n",
          expired, trees.size(), age);
    } else {
      out.printf(
          "Deleted %d of %d trees: they had no file newer than %s%n", expired, trees.size(), age);
    }
    return 0;
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
