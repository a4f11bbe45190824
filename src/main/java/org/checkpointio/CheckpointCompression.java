package org.checkpointio;

/**
 * Compression of a checkpoint's shards. Each format takes only some codecs: PARQUET takes
 * UNCOMPRESSED, SNAPPY (its default), GZIP and ZSTD; ARROW takes UNCOMPRESSED (its default),
 * LZ4_FRAME and ZSTD, applied to record-batch bodies as the Arrow IPC format defines. Readers find
 * the codec in the file, so a read needs no setting.
 */
public enum CheckpointCompression {
  UNCOMPRESSED,
  SNAPPY,
  GZIP,
  LZ4_FRAME,
  ZSTD
}
