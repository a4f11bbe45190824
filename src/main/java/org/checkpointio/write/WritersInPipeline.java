package org.checkpointio.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.checkpointio.layout.CheckpointPaths;

/**
 * The checkpoint writers applied so far in each pipeline, to catch, while the pipeline is built,
 * writers that would overwrite each other, and to give the appending writers of one name a
 * single schema contract before anything is committed.
 */
public final class WritersInPipeline {
  private static final Map<Pipeline, Map<CheckpointPaths, List<Writer>>> WRITERS =
      new WeakHashMap<>();

  private record Writer(boolean append, String description, Schema schema) {}

  private WritersInPipeline() {}

  /**
   * Checks a writer of {@code paths} against those already applied, changing nothing.
   *
   * @param schema the schema the writer will commit if it is the first appending writer
   * @return the schema this writer must commit: for an append, the first appending writer's
   * @throws IllegalArgumentException if an exclusive writer meets any other writer of the name
   */
  public static synchronized Schema contractFor(
      Pipeline pipeline, CheckpointPaths paths, boolean append, String description, Schema schema) {
    List<Writer> writers = writers(pipeline, paths);
    for (Writer other : writers) {
      if (!append || !other.append()) {
        throw new IllegalArgumentException(
            String.format(
                "Checkpoint '%s' in %s scope has two writers in this pipeline that would "
                    + "overwrite each other: %s and %s. Give them different names, or make "
                    + "both appending writers with withAppend().",
                paths.name(), paths.tree().scope(), other.description(), description));
      }
    }
    return writers.isEmpty() ? schema : writers.get(0).schema();
  }

  /** Records a writer once it is fully applied, so that a rejected write leaves no trace. */
  public static synchronized void record(
      Pipeline pipeline, CheckpointPaths paths, boolean append, String description, Schema schema) {
    writers(pipeline, paths).add(new Writer(append, description, schema));
  }

  private static List<Writer> writers(Pipeline pipeline, CheckpointPaths paths) {
    return WRITERS
        .computeIfAbsent(pipeline, p -> new java.util.HashMap<>())
        .computeIfAbsent(paths, p -> new ArrayList<>());
  }
}
