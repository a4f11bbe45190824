package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.layout.ScopeTree;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint show ROOT (--run ID | --correlation ID) NAME [--json]}: one checkpoint's live
 * manifests, as a table or as JSON ({@link CheckpointJson}).
 */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Shows checkpoint NAME of one run or correlation as its committed manifests record it:"
            + " schema, shards, totals and the versions that wrote it.")
final class ShowCheckpoint implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "ROOT",
      description = "The checkpoint root: a local directory, gs://bucket/path or s3://bucket/path.")
  String root;

  @Parameters(index = "1", paramLabel = "NAME", description = "The checkpoint name.")
  String name;

  @ArgGroup(exclusive = true, multiplicity = "1")
  ScopeOption.Choice choice;

  @Option(
      names = "--json",
      description =
          "Print JSON instead: the live manifests as stored, and 'files', the absolute paths or"
              + " URIs of exactly the shards that hold the checkpoint's rows (see"
              + " docs/manifest-format.md).")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String checked = CheckpointRoot.check(spec, root);
    ScopeTree tree = ScopeOption.tree(spec, checked, choice);
    CheckpointPaths paths;
    try {
      paths = tree.checkpoint(name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Manifest> manifests = CommittedManifests.read(paths);
    String where = ScopeOption.label(tree.scope(), tree.id());
    if (manifests.isEmpty()) {
      spec.commandLine()
          .getErr()
          .printf(
              "%s: no committed checkpoint '%s' in %s (no manifest in %s); see 'checkpoint ls"
                  + " %s'%n",
              spec.qualifiedName(), name, where, paths.directory(), root);
      return CheckpointCommand.FAILED;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CheckpointJson.render(paths, manifests));
      return 0;
    }
    Manifest first = manifests.get(0);
    out.printf("Checkpoint '%s' in %s%n", name, where);
    Table totals = new Table("directory", paths.directory().toString());
    totals.add("format", first.fileFormat());
    totals.add("rows", manifests.stream().mapToLong(Manifest::totalRows).sum());
    totals.add("bytes", manifests.stream().mapToLong(Manifest::totalBytes).sum());
    totals.add("manifests", manifests.size());
    totals.print(out, "  ");
    printSchema(out, first.schema());
    for (Manifest manifest : manifests) {
      printManifest(out, paths, manifest);
    }
    return 0;
  }

  private static void printSchema(PrintWriter out, Schema schema) {
    out.printf("Schema (%s):%n", Plural.of(schema.getFieldCount(), "field"));
    Table fields = new Table("FIELD", "TYPE", "NULLABLE");
    for (Schema.Field field : schema.getFields()) {
      // Beam prints a non-nullable type with " NOT NULL"; the NULLABLE column says it once.
      fields.add(
          field.getName(),
          field.getType().withNullable(true),
          field.getType().getNullable() ? "yes" : "no");
    }
    fields.print(out, "  ");
  }

  private static void printManifest(PrintWriter out, CheckpointPaths paths, Manifest manifest) {
    out.printf(
        "Manifest %s: %s write %s, committed %s%n",
        CommittedManifests.location(paths, manifest).getFilename(),
        manifest.append() ? "APPEND" : "EXCLUSIVE",
        manifest.writeId(),
        manifest.createdAt());
    out.printf(
        "  written by CheckpointIO %s on Apache Beam %s%n",
        manifest.libraryVersion(), manifest.beamVersion());
    out.printf(
        "  %s, %s, %s%n",
        Plural.of(manifest.shards().size(), "shard"),
        Plural.of(manifest.totalRows(), "row"),
        Plural.of(manifest.totalBytes(), "byte"));
    if (manifest.shards().isEmpty()) {
      return;
    }
    Table shards = new Table("SHARD", "ROWS", "BYTES");
    for (ShardFile shard : manifest.shards()) {
      shards.add(shard.fileName(), shard.rowCount(), shard.sizeBytes());
    }
    shards.print(out, "    ");
  }
}
