package org.checkpointio.format;

import java.io.Serializable;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * How one file format writes and reads checkpoint shards. Formats know files and
 * schemas only; scopes, manifests and commits are the transforms' business.
 */
public interface ShardFormat extends Serializable {

  /** The shard file name suffix, such as {@code .parquet}. */
  String fileSuffix();

  /**
   * Checks that every field of {@code schema} can be stored in this format.
   *
   * @throws IllegalArgumentException naming the field and its type if one cannot
   */
  void checkSupported(Schema schema);

  /**
   * Checks that this JVM can write and read the format, before any file is made; nothing by
   * default.
   *
   * @throws IllegalStateException saying what the JVM needs, and how to give it on each runner
   */
  default void checkRuntime() {}

  /** A sink that writes rows of {@code schema} into one shard file. */
  FileIO.Sink<Row> newSink(Schema schema);

  /**
   * A DoFn that reads shard files written with {@code schema} into rows of {@code outputSchema}:
   * {@code schema} itself, or a projection of it that leaves fields out at any ROW level and keeps
   * the order of those it keeps. Only the kept fields are decoded. The DoFn splits a shard by
   * block, and throws {@link org.checkpointio.CheckpointCorruptedException} naming the file when
   * one cannot be decoded, or the shard's own {@link ShardToRead#missing} when it is not there. It
   * counts the rows it outputs in {@code rowsRead}.
   */
  ReadShardBlocks newReader(Schema schema, Schema outputSchema, Counter rowsRead);
}
