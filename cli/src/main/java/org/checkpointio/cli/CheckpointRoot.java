package org.checkpointio.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The ROOT argument: checked to be a root some Beam file system on the classpath can serve. */
final class CheckpointRoot {
  /** Beam pipeline options for the file systems, e.g. {@code --awsRegion=eu-west-1}. */
  static final String OPTIONS_VARIABLE = "CHECKPOINT_PIPELINE_OPTIONS";

  /** Options whose values an error message must not repeat. */
  private static final Pattern CREDENTIAL =
      Pattern.compile("(?i)credential|secret|password|token|key");

  private static final String HIDDEN = "(hidden)";

  /** A URI's scheme, as Beam's {@code FileSystems} reads it. */
  private static final Pattern SCHEME = Pattern.compile("([a-zA-Z][-a-zA-Z0-9+.]*):/.*");

  private static boolean fileSystemsRegistered;

  private CheckpointRoot() {}

  /**
   * The store at the root: a local path made absolute, a {@code file:} URI as its local path.
   *
   * @throws ParameterException if no file system serves its scheme, a local root is no directory
   *     (or a {@code file:} URI of another host), or an object-store root cannot be listed (no such
   *     bucket, or no access to it)
   */
  static CheckpointStore check(CommandSpec command, String root) {
    PipelineOptions options = fileSystemOptions(command);
    registerFileSystems(scheme(root), options);
    CheckpointStore store;
    try {
      store = CheckpointStore.at(root);
    } catch (IllegalArgumentException e) {
      if (e.getCause() == null) { // a file: URI that names no local path
        throw new ParameterException(command.commandLine(), e.getMessage());
      }
      throw new ParameterException(
          command.commandLine(),
          String.format(
              "Unknown root '%s': %s; give a local directory, gs://bucket/path or s3://bucket/path",
              root, e.getCause().getMessage()));
    }
    String resolved = store.root();
    boolean local = !resolved.contains("://");
    if (local) {
      if (!Files.isDirectory(Paths.get(resolved))) {
        throw new ParameterException(
            command.commandLine(),
            String.format(
                "Unknown root '%s': no such directory; give the --checkpointRoot your pipelines "
                    + "write to",
                root));
      }
    } else {
      checkListable(command, root, store);
    }
    return store;
  }

  /**
   * Object stores have no directories, and Beam reports a missing or unreadable bucket only as the
   * error of a listing, which the library's tree listing takes for "no trees". So this lists a
   * prefix under the root that nothing is stored under: one short request.
   */
  private static void checkListable(CommandSpec command, String root, CheckpointStore store) {
    try {
      store.checkListable();
    } catch (IOException e) {
      throw new ParameterException(
          command.commandLine(),
          String.format(
              "Unknown root '%s': it cannot be listed (%s); give a bucket that exists and that"
                  + " these credentials can read",
              root, firstLine(e)));
    }
  }

  /**
   * The first line of the store's answer, e.g. {@code 404 Not Found}: the innermost cause, since
   * Beam's wrappers name the probe; the SDKs' next lines add the request and the response body.
   */
  private static String firstLine(IOException e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return message.strip().split("\\R", 2)[0];
  }

  /** The scheme Beam reads from a root, as {@code FileSystems} does: {@code file} if none. */
  private static String scheme(String root) {
    Matcher uri = SCHEME.matcher(root);
    return uri.matches() ? uri.group(1).toLowerCase(Locale.ROOT) : "file";
  }

  /**
   * Beam finds gs:// and s3:// through registrars once given options, and only the root's own are
   * set up ({@link RegisterFileSystems}).
   */
  private static synchronized void registerFileSystems(String scheme, PipelineOptions options) {
    if (!fileSystemsRegistered) {
      RegisterFileSystems.forScheme(scheme, options);
      fileSystemsRegistered = true;
    }
  }

  /**
   * Options for the file systems (an S3 endpoint or region, a GCP project) from {@value
   * #OPTIONS_VARIABLE}, as Beam arguments; checked whatever the root.
   */
  private static PipelineOptions fileSystemOptions(CommandSpec command) {
    String variable = System.getenv(OPTIONS_VARIABLE);
    String[] args =
        variable == null || variable.isBlank() ? new String[0] : variable.trim().split("\\s+");
    // Beam's AWS module registers AwsOptions only; S3's own options (--s3ClientFactoryClass,
    // --sseAlgorithm and the others) need S3Options.
    PipelineOptionsFactory.register(S3Options.class);
    try {
      return PipelineOptionsFactory.fromArgs(args).create();
    } catch (IllegalArgumentException e) {
      String message = e.getMessage().replaceAll("\\s*\\n\\s*", " ");
      List<String> shown = new ArrayList<>();
      for (String arg : args) {
        int equals = arg.indexOf('=');
        if (equals > 0 && CREDENTIAL.matcher(arg.substring(0, equals)).find()) {
          String value = arg.substring(equals + 1);
          message = value.isEmpty() ? message : message.replace(value, HIDDEN);
          arg = arg.substring(0, equals + 1) + HIDDEN;
        }
        shown.add(arg);
      }
      throw new ParameterException(
          command.commandLine(),
          String.format("Invalid %s '%s': %s", OPTIONS_VARIABLE, String.join(" ", shown), message));
    }
  }
}
