package org.checkpointio.format.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch by batch, a reader decodes exactly what was written: a nullable column that has nulls in
 * one batch and none in the next, and text of every length, including one longer than any seen
 * before in the same reader, and text outside ASCII.
 */
class RowsOfBatchTest {
  private static final Schema SCHEMA =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("name")
          .addNullableField("note", Schema.FieldType.STRING)
          .build();

  @TempDir Path dir;

  @Test
  void everyBatchReadsBackAsWrittenWhetherOrNotItHasNulls() throws Exception {
    List<Row> written = new ArrayList<>();
    for (long id = 0; id < 12; id++) {
      // Batches of four: nulls in the second batch only; the third holds the longest text.
      String note = id >= 4 && id < 8 && id % 2 == 0 ? null : "note ü€ " + id;
      String name = id == 9 ? "x".repeat(10_000) + "日本語" : id == 10 ? "" : "name-" + id;
      written.add(Row.withSchema(SCHEMA).addValues(id, name, note).build());
    }
    Path file = dir.resolve("shard.arrow");
    RowArrowSink sink = new RowArrowSink(SCHEMA, 4, CompressionUtil.CodecType.NO_COMPRESSION);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(channel);
      for (Row row : written) {
        sink.write(row);
      }
      sink.flush();
    }

    List<Row> read = new ArrayList<>();
    try (ArrowShardFile shard =
        ArrowShardFile.open(FileSystems.matchNewResource(file.toString(), false))) {
      assertEquals(3, shard.batches().size());
      RowsOfBatch rows = null;
      for (int batch = 0; batch < shard.batches().size(); batch++) {
        shard.load(batch);
        if (rows == null) {
          rows = new RowsOfBatch(SCHEMA, shard.root());
        }
        for (Iterator<Row> it = rows.rows(); it.hasNext(); ) {
          read.add(it.next());
        }
      }
    }
    assertEquals(written, read);
  }
}
