package org.checkpointio;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.Manifest;

/**
 * What a {@link CheckpointIO.Write} produces: the committed manifest, once the commit is done.
 * Later steps wait on it ({@link CheckpointIO#read(CheckpointWriteResult)}, {@link
 * CheckpointIO.Cleanup#after}, or {@link org.apache.beam.sdk.transforms.Wait#on}).
 */
public final class CheckpointWriteResult implements POutput {
  private static final TupleTag<Manifest> COMMITTED = new TupleTag<>("committed");

  private final Pipeline pipeline;
  private final PCollection<Manifest> committed;
  private final CheckpointPaths paths;
  private final CheckpointFormat format;
  private final Schema schema;

  CheckpointWriteResult(
      Pipeline pipeline,
      PCollection<Manifest> committed,
      CheckpointPaths paths,
      CheckpointFormat format,
      Schema schema) {
    this.pipeline = pipeline;
    this.committed = committed;
    this.paths = paths;
    this.format = format;
    this.schema = schema;
  }

  /** One element, the committed manifest, produced after every shard is final and committed. */
  public PCollection<Manifest> getCommitted() {
    return committed;
  }

  /** Where the checkpoint is written. */
  public CheckpointPaths getPaths() {
    return paths;
  }

  public CheckpointFormat getFormat() {
    return format;
  }

  public Schema getSchema() {
    return schema;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(COMMITTED, committed);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
