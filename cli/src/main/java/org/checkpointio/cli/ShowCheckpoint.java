package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;
import org.checkpointio.CommittedShard;
import org.checkpointio.CommittedWrite;
import org.checkpointio.StoredCheckpoint;
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
    CheckpointStore store = CheckpointRoot.check(spec, root);
    ScopeOption.check(spec, store, choice);
    CheckpointScope scope = ScopeOption.scope(choice);
    String id = ScopeOption.id(choice);
    String directory;
    try {
      directory = store.checkpointDirectory(scope, id, name);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Optional<StoredCheckpoint> found = store.checkpoint(scope, id, name);
    String where = ScopeOption.label(scope, id);
    if (found.isEmpty()) {
      spec.commandLine()
          .getErr()
          .printf(
              "%s: no committed checkpoint '%s' in %s (no manifest in %s); see 'checkpoint ls"
                  + " %s'%n",
              spec.qualifiedName(), name, where, directory, root);
      return CheckpointCommand.FAILED;
    }
    StoredCheckpoint checkpoint = found.get();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(CheckpointJson.render(checkpoint));
      return 0;
    }
    out.printf("Checkpoint '%s' in %s%n", name, where);
    Table totals = new Table("directory", checkpoint.directory());
    totals.add("format", checkpoint.format());
    totals.add("rows", checkpoint.rows());
    totals.add("bytes", checkpoint.bytes());
    totals.add("manifests", checkpoint.writes().size());
    totals.print(out, "  ");
    printSchema(out, checkpoint.schema());
    for (CommittedWrite write : checkpoint.writes()) {
      printWrite(out, write);
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

  private static void printWrite(PrintWriter out, CommittedWrite write) {
    String manifest = write.manifestFile();
    out.printf(
        "Manifest %s: %s write %s, committed %s%n",
        manifest.substring(manifest.lastIndexOf('/') + 1),
        write.append() ? "APPEND" : "EXCLUSIVE",
        write.writeId(),
        write.committedAt());
    out.printf(
        "  written by CheckpointIO %s on Apache Beam %s%n",
        write.libraryVersion(), write.beamVersion());
    out.printf(
        "  %s, %s, %s%n",
        Plural.of(write.shards().size(), "shard"),
        Plural.of(write.rows(), "row"),
        Plural.of(write.bytes(), "byte"));
    if (write.shards().isEmpty()) {
      return;
    }
    Table shards = new Table("SHARD", "ROWS", "BYTES");
    for (CommittedShard shard : write.shards()) {
      shards.add(shard.fileName(), shard.rows(), shard.bytes());
    }
    shards.print(out, "    ");
  }
}
