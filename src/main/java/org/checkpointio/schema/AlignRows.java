package org.checkpointio.schema;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;

/** Aligns each row to the checkpoint's schema contract. */
public final class AlignRows extends DoFn<Row, Row> {
  private final SchemaAlignment alignment;

  public AlignRows(SchemaAlignment alignment) {
    this.alignment = alignment;
  }

  @ProcessElement
  public void process(@Element Row row, OutputReceiver<Row> out) {
    out.output(alignment.align(row));
  }
}
