package org.checkpointio.templates.export;

/** The file formats checkpoint-export writes, with their file-name suffixes. */
public enum ExportFormat {
  /** Parquet, with the library's type mapping (the same as a checkpoint's own shards). */
  PARQUET(".parquet"),
  /** RFC 4180 CSV with a header line per file; only flat schemas. */
  CSV(".csv"),
  /** JSON lines as Beam's {@code ToJson} renders rows; BigQuery loads NEWLINE_DELIMITED_JSON. */
  JSON(".jsonl");

  private final String suffix;

  ExportFormat(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }
}
