package org.checkpointio;

/** The file format of a checkpoint's shards. The manifest records it, so reads need no format. */
public enum CheckpointFormat {
  /** Apache Parquet, SNAPPY-compressed by default. */
  PARQUET
}
