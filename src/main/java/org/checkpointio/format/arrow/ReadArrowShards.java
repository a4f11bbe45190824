package org.checkpointio.format.arrow;

import java.io.IOException;
import java.util.Iterator;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.format.ReadShardBlocks;

/**
 * Reads Arrow IPC shards into rows, one record batch per split. Every batch is loaded whole,
 * but only the vectors of the output schema's fields are converted to rows.
 */
@DoFn.BoundedPerElement
final class ReadArrowShards extends ReadShardBlocks {
  private final Schema outputSchema;

  ReadArrowShards(Schema outputSchema, Counter rowsRead) {
    super("Arrow IPC", rowsRead);
    this.outputSchema = outputSchema;
  }

  @Override
  protected OpenShard open(String file) throws IOException {
    ArrowShardFile shard = ArrowShardFile.open(FileSystems.matchNewResource(file, false));
    return new OpenShard() {
      private RowsOfBatch rows;

      @Override
      public int blockCount() throws IOException {
        return shard.batches().size();
      }

      @Override
      public Iterator<Row> readBlock(int block) throws IOException {
        shard.load(block);
        if (rows == null) {
          rows = new RowsOfBatch(outputSchema, shard.root());
        }
        return rows.rows();
      }

      @Override
      public void close() throws IOException {
        shard.close();
      }
    };
  }
}
