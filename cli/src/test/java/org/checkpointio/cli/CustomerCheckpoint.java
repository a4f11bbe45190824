package org.checkpointio.cli;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.CheckpointContext;
import org.checkpointio.CheckpointIO;
import org.checkpointio.CheckpointScope;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

/** The checkpoint the command-line tests write with real pipelines, and what {@code show} says. */
final class CustomerCheckpoint {
  static final Schema CUSTOMER =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("name")
          .addNullableField("email", FieldType.STRING)
          .build();

  private CustomerCheckpoint() {}

  /** Adds to {@code pipeline} a write of {@code rows} customers as {@code name} in that scope. */
  static void write(
      Pipeline pipeline,
      CheckpointContext context,
      CheckpointScope scope,
      String name,
      int rows,
      int shards) {
    List<Row> customers = new ArrayList<>();
    for (long id = 0; id < rows; id++) {
      customers.add(
          Row.withSchema(CUSTOMER)
              .addValues(id, "customer " + id, id % 2 == 0 ? null : "c@x")
              .build());
    }
    String step = context.tree(scope).checkpoint(name).toString();
    pipeline
        .apply("Create " + step, Create.of(customers).withRowSchema(CUSTOMER))
        .apply(
            "Write " + step,
            CheckpointIO.write(name).to(context).withScope(scope).withNumShards(shards));
  }

  /**
   * What {@code checkpoint show} prints for such a checkpoint of one exclusive write, with runs of
   * spaces collapsed ({@link CheckpointProcess.Result#collapsedOut}).
   *
   * @param where how output names the tree, e.g. {@code run 'nightly/2026-11-23'}
   */
  static List<String> shown(String where, CheckpointPaths paths, Manifest manifest) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "Checkpoint '" + paths.name() + "' in " + where,
                "directory " + paths.directory(),
                "format PARQUET",
                "rows " + manifest.totalRows(),
                "bytes " + manifest.totalBytes(),
                "manifests 1",
                "Schema (3 fields):",
                "FIELD TYPE NULLABLE",
                "id INT64 no",
                "name STRING no",
                "email STRING yes",
                "Manifest _manifest-0000000001.json: EXCLUSIVE write "
                    + manifest.writeId()
                    + ", committed "
                    + manifest.createdAt(),
                "written by CheckpointIO " + manifest.libraryVersion() + " on Apache Beam 2.62.0",
                manifest.shards().size()
                    + " shards, "
                    + manifest.totalRows()
                    + " rows, "
                    + manifest.totalBytes()
                    + " bytes",
                "SHARD ROWS BYTES"));
    for (ShardFile shard : manifest.shards()) {
      lines.add(shard.fileName() + " " + shard.rowCount() + " " + shard.sizeBytes());
    }
    return lines;
  }
}
