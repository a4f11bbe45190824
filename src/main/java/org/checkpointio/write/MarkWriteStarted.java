package org.checkpointio.write;

import java.io.IOException;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The first step of a write: leaves its in-progress marker, once, and yields a side input that the
 * shard writers and the finalizing step wait for. So the marker exists before any shard, and
 * nothing but this step ever creates it: when cleanup deletes the tree under a running write, a
 * bundle that writes a shard afterwards cannot make the commit believe the tree is still there.
 */
final class MarkWriteStarted extends PTransform<PBegin, PCollectionView<String>> {
  /** The side input's name in the steps that wait for it; its value is the write id. */
  static final String STARTED = "writeStarted";

  private final TempShardFiles files;
  private final String writeId;

  MarkWriteStarted(TempShardFiles files, String writeId) {
    this.files = files;
    this.writeId = writeId;
  }

  @Override
  public PCollectionView<String> expand(PBegin begin) {
    return begin
        .apply("WriteId", Create.of(writeId))
        .apply("LeaveMarker", ParDo.of(new LeaveMarker(files)))
        .apply("AsSideInput", View.asSingleton());
  }

  private static final class LeaveMarker extends DoFn<String, String> {
    private final TempShardFiles files;

    LeaveMarker(TempShardFiles files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element String writeId, OutputReceiver<String> out) throws IOException {
      files.markWriting();
      out.output(writeId);
    }
  }
}
