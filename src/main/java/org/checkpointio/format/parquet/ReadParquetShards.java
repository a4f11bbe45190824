package org.checkpointio.format.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.range.OffsetRange;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.splittabledofn.RestrictionTracker;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.checkpointio.CheckpointCorruptedException;

/**
 * Reads Parquet shards into rows. Splittable by row group, so one large shard is read by several
 * workers.
 */
@DoFn.BoundedPerElement
final class ReadParquetShards extends DoFn<String, Row> {
  private final Schema schema;
  private transient AvroRowCodec codec;
  private transient Configuration conf;

  ReadParquetShards(Schema schema) {
    this.schema = schema;
  }

  @Setup
  public void setup() {
    codec = AvroRowCodec.of(schema);
    conf = new Configuration(false);
    // Must match how the shards were written, or the requested schema's lists find no columns.
    conf.setBoolean(RowParquetSink.OLD_LIST_STRUCTURE, false);
    AvroReadSupport.setAvroReadSchema(conf, codec.avroSchema());
    AvroReadSupport.setRequestedProjection(conf, codec.avroSchema());
  }

  @GetInitialRestriction
  public OffsetRange initialRestriction(@Element String file) {
    try (ParquetFileReader reader = open(file)) {
      return new OffsetRange(0, reader.getRowGroups().size());
    } catch (IOException | RuntimeException e) {
      throw undecodable(file, e);
    }
  }

  @SplitRestriction
  public void splitRestriction(
      @Restriction OffsetRange rowGroups, OutputReceiver<OffsetRange> out) {
    for (long group = rowGroups.getFrom(); group < rowGroups.getTo(); group++) {
      out.output(new OffsetRange(group, group + 1));
    }
  }

  @ProcessElement
  public void process(
      @Element String file,
      RestrictionTracker<OffsetRange, Long> tracker,
      OutputReceiver<Row> out) {
    try (ParquetFileReader reader = open(file)) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      Map<String, String> metadata = reader.getFooter().getFileMetaData().getKeyValueMetaData();
      ReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
      Map<String, Set<String>> multiMetadata = new HashMap<>();
      metadata.forEach((k, v) -> multiMetadata.put(k, Set.of(v)));
      ReadSupport.ReadContext context =
          support.init(new InitContext(conf, multiMetadata, fileSchema));
      RecordMaterializer<GenericRecord> materializer =
          support.prepareForRead(conf, metadata, fileSchema, context);
      var columns = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), fileSchema);
      for (long group = tracker.currentRestriction().getFrom(); tracker.tryClaim(group); group++) {
        PageReadStore pages = reader.readRowGroup((int) group);
        RecordReader<GenericRecord> records =
            columns.getRecordReader(pages, materializer, FilterCompat.NOOP);
        for (long i = 0, n = pages.getRowCount(); i < n; i++) {
          out.output(codec.toRow(records.read()));
        }
      }
    } catch (IOException | RuntimeException e) {
      throw undecodable(file, e);
    }
  }

  private static ParquetFileReader open(String file) throws IOException {
    return ParquetFileReader.open(
        ChannelInputFile.open(FileSystems.matchNewResource(file, false)),
        ParquetReadOptions.builder().build());
  }

  private static RuntimeException undecodable(String file, Exception cause) {
    if (cause instanceof CheckpointCorruptedException) {
      return (CheckpointCorruptedException) cause;
    }
    return new CheckpointCorruptedException(
        file, "Shard " + file + " cannot be decoded as Parquet: " + cause, cause);
  }
}
