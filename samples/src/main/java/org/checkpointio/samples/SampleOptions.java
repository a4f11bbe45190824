package org.checkpointio.samples;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkpointio.CheckpointOptions;

/** The samples' command line: CheckpointOptions, with a fresh temporary root by default. */
final class SampleOptions {
  private SampleOptions() {}

  static CheckpointOptions parse(String sample, String... args) throws IOException {
    CheckpointOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(CheckpointOptions.class);
    if (options.getCheckpointRoot() == null) {
      options.setCheckpointRoot(Files.createTempDirectory("checkpointio-" + sample).toString());
      System.out.println("No --checkpointRoot given; using a fresh temporary directory.");
    }
    return options;
  }
}
