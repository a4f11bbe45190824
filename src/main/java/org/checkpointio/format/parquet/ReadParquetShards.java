package org.checkpointio.format.parquet;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
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
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.checkpointio.format.FixedDecimal;
import org.checkpointio.format.ReadShardBlocks;

/**
 * Reads Parquet shards into rows, one row group per split. A projection becomes parquet-avro's
 * requested schema, so the columns of fields left out are never read.
 */
@DoFn.BoundedPerElement
final class ReadParquetShards extends ReadShardBlocks {
  private final Schema schema;
  private final Schema outputSchema;
  private transient AvroRowCodec codec;
  private transient Configuration conf;

  ReadParquetShards(Schema schema, Schema outputSchema, Counter rowsRead) {
    super("Parquet", rowsRead);
    this.schema = schema;
    this.outputSchema = outputSchema;
  }

  @Override
  protected void prepare() {
    codec = AvroRowCodec.projected(schema, outputSchema);
    conf = configuration(codec);
  }

  private static Configuration configuration(AvroRowCodec codec) {
    Configuration conf = new Configuration(false);
    // Must match how the shards were written, or the requested schema's lists find no columns.
    conf.setBoolean(RowParquetSink.OLD_LIST_STRUCTURE, false);
    AvroReadSupport.setAvroReadSchema(conf, codec.avroSchema());
    AvroReadSupport.setRequestedProjection(conf, codec.avroSchema());
    return conf;
  }

  /**
   * The names of the top-level fixed-precision decimals that {@code fileSchema} holds as text,
   * as versions before DECIMAL columns wrote them. Columns are in the order of the written
   * schema's fields.
   */
  private Set<String> textDecimals(MessageType fileSchema) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < schema.getFieldCount() && i < fileSchema.getFieldCount(); i++) {
      org.apache.parquet.schema.Type column = fileSchema.getType(i);
      if (FixedDecimal.of(schema.getField(i).getType()) != null
          && column.isPrimitive()
          && column.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY) {
        names.add(schema.getField(i).getName());
      }
    }
    return names;
  }

  /** {@code of} with the fields named in {@code asText} read as text decimals. */
  private static Schema withTextDecimals(Schema of, Set<String> asText) {
    Schema.Builder stored = Schema.builder();
    for (Schema.Field field : of.getFields()) {
      stored.addField(
          asText.contains(field.getName())
              ? field.withType(FixedDecimal.asText(field.getType()))
              : field);
    }
    return stored.build();
  }

  @Override
  protected OpenShard open(String file) throws IOException {
    ParquetFileReader reader =
        ParquetFileReader.open(
            ChannelInputFile.open(FileSystems.matchNewResource(file, false)),
            ParquetReadOptions.builder().build());
    return new OpenShard() {
      private MessageColumnIO columns;
      private RecordMaterializer<GenericRecord> materializer;
      private AvroRowCodec shardCodec;
      private boolean reattach;

      @Override
      public int blockCount() {
        return reader.getRowGroups().size();
      }

      @Override
      public Iterator<Row> readBlock(int block) throws IOException {
        if (columns == null) {
          prepare();
        }
        PageReadStore pages = reader.readRowGroup(block);
        RecordReader<GenericRecord> records =
            columns.getRecordReader(pages, materializer, FilterCompat.NOOP);
        long count = pages.getRowCount();
        return new Iterator<>() {
          private long read;

          @Override
          public boolean hasNext() {
            return read < count;
          }

          @Override
          public Row next() {
            if (read == count) {
              throw new NoSuchElementException();
            }
            read++;
            Row row = shardCodec.toRow(records.read());
            return reattach ? Row.withSchema(outputSchema).attachValues(row.getValues()) : row;
          }
        };
      }

      /** Resolves the requested schema against this file's schema. */
      private void prepare() {
        MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
        Set<String> asText = textDecimals(fileSchema);
        Configuration conf = ReadParquetShards.this.conf;
        shardCodec = codec;
        reattach = !asText.isEmpty();
        if (reattach) {
          shardCodec =
              AvroRowCodec.projected(
                  withTextDecimals(schema, asText), withTextDecimals(outputSchema, asText));
          conf = configuration(shardCodec);
        }
        Map<String, String> metadata = reader.getFooter().getFileMetaData().getKeyValueMetaData();
        ReadSupport<GenericRecord> support = new AvroReadSupport<>(GenericData.get());
        Map<String, Set<String>> multiMetadata = new HashMap<>();
        metadata.forEach((k, v) -> multiMetadata.put(k, Set.of(v)));
        ReadSupport.ReadContext context =
            support.init(new InitContext(conf, multiMetadata, fileSchema));
        materializer = support.prepareForRead(conf, metadata, fileSchema, context);
        columns = new ColumnIOFactory().getColumnIO(context.getRequestedSchema(), fileSchema);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
