package org.checkpointio;

import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsRegistrar;

/**
 * Registers {@link CheckpointOptions} with Beam (through {@code META-INF/services}), so that
 * {@code --checkpoint*} flags are accepted whatever options interface a pipeline parses its
 * arguments with.
 */
public final class CheckpointOptionsRegistrar implements PipelineOptionsRegistrar {
  @Override
  public Iterable<Class<? extends PipelineOptions>> getPipelineOptions() {
    return List.of(CheckpointOptions.class);
  }
}
