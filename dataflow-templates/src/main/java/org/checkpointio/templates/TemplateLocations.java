package org.checkpointio.templates;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Where a template may read and write: Cloud Storage, the one remote file system in the templates
 * jar, or a local path when the job runs in this JVM (the DirectRunner, as the tests run it). Any
 * other location would fail only once the job reached it, so it is refused while the job is built.
 */
public final class TemplateLocations {
  /** A URI's scheme, as Beam's {@code FileSystems} parses it; a location without one is local. */
  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][-a-zA-Z0-9+.]*):/.*");

  private static final Pattern GCS = Pattern.compile("gs://[^/]+(/.*)?");
  private static final String DIRECT_RUNNER = "org.apache.beam.runners.direct.DirectRunner";

  private TemplateLocations() {}

  /**
   * Checks that parameter {@code parameter} names a location the templates jar serves.
   *
   * @param example a gs:// value for the message, e.g. {@code gs://my-bucket/checkpoints}
   * @throws IllegalArgumentException naming the parameter, its value, what is expected and the
   *     example, for another scheme (e.g. s3://), a gs:// URI without a bucket, or a local path
   *     on a runner other than the DirectRunner
   */
  public static void checkServed(
      String parameter, String location, String example, PipelineOptions options) {
    if (GCS.matcher(location).matches()) {
      return;
    }
    Matcher scheme = SCHEME.matcher(location);
    String why;
    if (!scheme.matches() || scheme.group(1).equalsIgnoreCase("file")) {
      if (DIRECT_RUNNER.equals(options.getRunner().getName())) {
        return;
      }
      why = "a local path, which Dataflow's workers cannot read";
    } else if (scheme.group(1).equalsIgnoreCase("gs")) {
      why = "a gs:// URI without a bucket";
    } else {
      why =
          "on "
              + scheme.group(1)
              + "://, but the templates jar holds only the gs:// file system (Cloud Storage)";
    }
    throw new IllegalArgumentException(
        String.format(
            "%s '%s' is %s: pass a Cloud Storage URI gs://BUCKET/PATH, e.g. --%s=%s",
            parameter, location, why, parameter, example));
  }
}
