package org.checkpointio.format.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What parquet-java needs of the class path: its writers and readers take their settings as a
 * Hadoop {@code Configuration}, so Hadoop's client classes must be there, although no Hadoop file
 * system is used. The library leaves the choice of Hadoop to the pipeline (a Spark cluster brings
 * its own); this check runs before any file is made and says what to add.
 */
final class HadoopRuntime {
  private static final String CONFIGURATION = "org.apache.hadoop.conf.Configuration";

  private HadoopRuntime() {}

  /** @throws IllegalStateException if Hadoop's Configuration cannot be loaded, saying what to add */
  static void check() {
    try {
      Class.forName(CONFIGURATION, true, HadoopRuntime.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "PARQUET checkpoints need Hadoop's client classes at run time (parquet-java takes its"
              + " settings as a Hadoop Configuration), and "
              + CONFIGURATION
              + " cannot be loaded here ("
              + e
              + "). Add the dependency org.apache.hadoop:hadoop-client-runtime:"
              + testedVersion()
              + " to the pipeline, or run where Hadoop is on the class path (a Spark cluster has"
              + " it); or write ARROW, which needs no Hadoop.",
          e);
    }
  }

  private static String testedVersion() {
    try (InputStream in = HadoopRuntime.class.getResourceAsStream("hadoop.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("hadoopVersion", "3.3.6");
    } catch (IOException e) {
      return "3.3.6";
    }
  }
}
