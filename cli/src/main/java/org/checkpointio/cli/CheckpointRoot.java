package org.checkpointio.cli;

import java.nio.file.Files;
import java.nio.file.Paths;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.layout.ScopeTree;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The ROOT argument: checked to be a root some Beam file system on the classpath can serve. */
final class CheckpointRoot {
  /** Beam pipeline options for the file systems, e.g. {@code --awsRegion=eu-west-1}. */
  static final String OPTIONS_VARIABLE = "CHECKPOINT_PIPELINE_OPTIONS";

  private static boolean fileSystemsRegistered;

  private CheckpointRoot() {}

  /**
   * The root as the library should see it (a local path made absolute).
   *
   * @throws ParameterException if no file system serves its scheme, or a local root is no directory
   */
  static String check(CommandSpec command, String root) {
    registerFileSystems(command);
    boolean local = !root.contains("://");
    String resolved = local ? Paths.get(root).toAbsolutePath().normalize().toString() : root;
    ResourceId directory;
    try {
      directory = ScopeTree.rootDirectory(resolved);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          command.commandLine(),
          String.format(
              "Unknown root '%s': %s; give a local directory, gs://bucket/path or s3://bucket/path",
              root, e.getMessage()));
    }
    if ("file".equals(directory.getScheme()) && !Files.isDirectory(Paths.get(resolved))) {
      throw new ParameterException(
          command.commandLine(),
          String.format(
              "Unknown root '%s': no such directory; give the --checkpointRoot your pipelines "
                  + "write to",
              root));
    }
    return resolved;
  }

  /**
   * Beam finds gs:// and s3:// through registrars once given options. Options for them (an S3
   * endpoint or region, a GCP project) come from {@value #OPTIONS_VARIABLE}, as Beam arguments.
   */
  private static synchronized void registerFileSystems(CommandSpec command) {
    if (fileSystemsRegistered) {
      return;
    }
    String variable = System.getenv(OPTIONS_VARIABLE);
    String[] args =
        variable == null || variable.isBlank() ? new String[0] : variable.trim().split("\\s+");
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args).create();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          command.commandLine(),
          String.format(
              "Invalid %s '%s': %s",
              OPTIONS_VARIABLE, variable, e.getMessage().replaceAll("\\s*\\n\\s*", " ")));
    }
    FileSystems.setDefaultPipelineOptions(options);
    fileSystemsRegistered = true;
  }
}
