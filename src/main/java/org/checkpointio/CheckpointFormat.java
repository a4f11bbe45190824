package org.checkpointio;

/** The file format of a checkpoint's shards. The manifest records it, so reads need no format. */
public enum CheckpointFormat {
  /** Apache Parquet ({@code .parquet}), SNAPPY-compressed by default. */
  PARQUET,
  /**
   * The Arrow IPC file format ({@code .arrow}, also called Feather v2), uncompressed by default.
   * Opens directly in pyarrow, Polars ({@code scan_ipc}) and DuckDB.
   */
  ARROW
}
