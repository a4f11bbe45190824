package org.checkpointio;

/**
 * Names of the Beam metrics CheckpointIO reports, all in namespace {@value #NAMESPACE}. Per
 * checkpoint name: {@code {name}.rowsWritten}, {@code .bytesWritten}, {@code .filesWritten},
 * {@code .rowsRead}, {@code .bytesRead}, {@code .filesRead}. Per cleanup: {@value #FILES_DELETED},
 * {@value #BYTES_DELETED}, {@value #DELETE_FAILURES}.
 */
public final class CheckpointMetrics {
  public static final String NAMESPACE = "CheckpointIO";
  public static final String FILES_DELETED = "filesDeleted";
  public static final String BYTES_DELETED = "bytesDeleted";
  public static final String DELETE_FAILURES = "deleteFailures";

  private CheckpointMetrics() {}

  public static String rowsWritten(String name) {
    return name + ".rowsWritten";
  }

  public static String bytesWritten(String name) {
    return name + ".bytesWritten";
  }

  public static String filesWritten(String name) {
    return name + ".filesWritten";
  }

  public static String rowsRead(String name) {
    return name + ".rowsRead";
  }

  public static String bytesRead(String name) {
    return name + ".bytesRead";
  }

  public static String filesRead(String name) {
    return name + ".filesRead";
  }
}
