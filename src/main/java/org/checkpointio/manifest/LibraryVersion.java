package org.checkpointio.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.beam.sdk.util.ReleaseInfo;

/** The versions a manifest records: this library's (from the build) and Beam's. */
public final class LibraryVersion {
  private static final String LIBRARY = load();

  private LibraryVersion() {}

  public static String library() {
    return LIBRARY;
  }

  public static String beam() {
    return ReleaseInfo.getReleaseInfo().getSdkVersion();
  }

  private static String load() {
    try (InputStream in = LibraryVersion.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
