package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BufferLayout;
import org.apache.arrow.vector.TypeLayout;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shards are standard files: Arrow Java's own {@link ArrowFileReader} and parquet-java's own
 * reader (example Group model, Hadoop's local file system) open them, without the library's read
 * path, and find the values written, in the types the mapping table in docs/formats.md gives.
 */
class StandardReadersTest {
  private static final int ROWS = 10;
  private static final byte[] ARROW_MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

  private static final Schema CUSTOMER = Schema.builder().addStringField("city").build();
  private static final Schema SCHEMA =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("name")
          .addDecimalField("amount")
          .addLogicalTypeField("at", SqlTypes.TIMESTAMP)
          .addLogicalTypeField("day", SqlTypes.DATE)
          .addArrayField("tags", FieldType.STRING)
          .addMapField("attrs", FieldType.STRING, FieldType.INT32)
          .addRowField("customer", CUSTOMER)
          .addNullableField("note", FieldType.STRING)
          .build();

  @TempDir Path root;

  private static Row row(int i) {
    return Row.withSchema(SCHEMA)
        .addValues(
            (long) i,
            "name ü " + i,
            new BigDecimal(i + ".50"),
            java.time.Instant.ofEpochSecond(1_700_000_000L + i, 123_456_000),
            LocalDate.of(2026, 1, 1).plusDays(i),
            List.of("t" + i, "x"),
            Map.of("k", i),
            Row.withSchema(CUSTOMER).addValue("city " + i).build(),
            i % 2 == 0 ? null : "note " + i)
        .build();
  }

  private static long micros(int i) {
    return (1_700_000_000L + i) * 1_000_000L + 123_456;
  }

  /** Writes the rows as one shard and returns its path. */
  private Path writeOneShard(CheckpointIO.Write write) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(row(i));
    }
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(rows).withRowSchema(SCHEMA))
        .apply(write.to(context).withNumShards(1));
    TestPipelines.run(pipeline);
    List<String> shards = ShardReads.shards(context, CheckpointScope.RUN, "interop");
    assertEquals(1, shards.size());
    return Path.of(shards.get(0));
  }

  private static Field field(String name, boolean nullable, ArrowType type, Field... children) {
    return new Field(
        name,
        new org.apache.arrow.vector.types.pojo.FieldType(nullable, type, null),
        Arrays.asList(children));
  }

  @ParameterizedTest
  @EnumSource(
      value = CheckpointCompression.class,
      names = {"UNCOMPRESSED", "LZ4_FRAME", "ZSTD"})
  void arrowShardsAreArrowIpcFilesThatArrowJavaReads(CheckpointCompression compression)
      throws Exception {
    Path shard =
        writeOneShard(
            CheckpointIO.write("interop")
                .withFormat(CheckpointFormat.ARROW)
                .withCompression(compression)
                .withBatchRows(4));
    assertTrue(shard.toString().endsWith(".arrow"), shard.toString());

    // The IPC file layout: magic padded to 8 bytes, ..., footer, footer length, magic.
    byte[] bytes = Files.readAllBytes(shard);
    assertArrayEquals(ARROW_MAGIC, Arrays.copyOfRange(bytes, 0, 6));
    assertArrayEquals(new byte[2], Arrays.copyOfRange(bytes, 6, 8));
    assertArrayEquals(ARROW_MAGIC, Arrays.copyOfRange(bytes, bytes.length - 6, bytes.length));
    int footerLength =
        ByteBuffer.wrap(bytes, bytes.length - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertTrue(footerLength > 0 && footerLength < bytes.length - 18, "footer " + footerLength);

    try (BufferAllocator allocator = new RootAllocator();
        SeekableByteChannel channel = Files.newByteChannel(shard);
        ArrowFileReader reader =
            new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      ArrowType utf8 = ArrowType.Utf8.INSTANCE;
      assertEquals(
          new org.apache.arrow.vector.types.pojo.Schema(
              List.of(
                  field("id", false, new ArrowType.Int(64, true)),
                  field("name", false, utf8),
                  field("amount", false, utf8),
                  field("at", false, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC")),
                  field("day", false, new ArrowType.Date(DateUnit.DAY)),
                  field("tags", false, ArrowType.List.INSTANCE, field("item", false, utf8)),
                  field(
                      "attrs",
                      false,
                      new ArrowType.Map(false),
                      field(
                          "entries",
                          false,
                          ArrowType.Struct.INSTANCE,
                          field("key", false, utf8),
                          field("value", false, new ArrowType.Int(32, true)))),
                  field("customer", false, ArrowType.Struct.INSTANCE, field("city", false, utf8)),
                  field("note", true, utf8))),
          batch.getSchema());

      List<Integer> batchLengths = new ArrayList<>();
      Set<Integer> ids = new HashSet<>();
      for (ArrowBlock block : reader.getRecordBlocks()) {
        assertEquals(compression, batchCompression(channel, block));
        reader.loadRecordBatch(block);
        validateFull(batch);
        batchLengths.add(batch.getRowCount());
        for (int r = 0; r < batch.getRowCount(); r++) {
          int i = (int) ((BigIntVector) batch.getVector("id")).get(r);
          assertTrue(ids.add(i), "id " + i + " twice");
          assertEquals("name ü " + i, text(batch, "name", r));
          assertEquals(i + ".50", text(batch, "amount", r));
          assertEquals(micros(i), ((TimeStampMicroTZVector) batch.getVector("at")).get(r));
          assertEquals(
              LocalDate.of(2026, 1, 1).plusDays(i).toEpochDay(),
              ((DateDayVector) batch.getVector("day")).get(r));
          assertEquals(
              List.of("t" + i, "x"),
              ((ListVector) batch.getVector("tags"))
                  .getObject(r).stream().map(Object::toString).toList());
          List<?> entries = ((MapVector) batch.getVector("attrs")).getObject(r);
          assertEquals(1, entries.size());
          assertEquals("k", ((Map<?, ?>) entries.get(0)).get("key").toString());
          assertEquals(i, ((Map<?, ?>) entries.get(0)).get("value"));
          StructVector customer = (StructVector) batch.getVector("customer");
          assertEquals(
              "city " + i, ((VarCharVector) customer.getChild("city")).getObject(r).toString());
          if (i % 2 == 0) {
            assertTrue(batch.getVector("note").isNull(r));
          } else {
            assertEquals("note " + i, text(batch, "note", r));
          }
        }
      }
      assertEquals(List.of(4, 4, 2), batchLengths);
      assertEquals(ROWS, ids.size());
    }
  }

  /**
   * Arrow Java's full validation (offsets, buffer sizes, nulls) of every vector. Its type check
   * mistakes a MapVector for a ListVector (Arrow Java 15), so a map is checked through its
   * entries and its offsets.
   */
  private static void validateFull(VectorSchemaRoot batch) {
    for (FieldVector vector : batch.getFieldVectors()) {
      if (vector instanceof MapVector) {
        MapVector map = (MapVector) vector;
        ValueVectorUtility.validateFull(map.getDataVector());
        int previous = 0;
        for (int r = 0; r <= map.getValueCount(); r++) {
          int offset = map.getOffsetBuffer().getInt(r * 4L);
          assertTrue(offset >= previous, "map offsets must not decrease");
          previous = offset;
        }
        assertEquals(map.getDataVector().getValueCount(), previous);
      } else {
        ValueVectorUtility.validateFull(vector);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void everyEmptyVariableWidthOrListArrayStillCarriesOneOffset() throws Exception {
    // One row per batch leaves many nested arrays empty (null or empty lists and maps).
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    Pipeline pipeline = TestPipelines.create();
    pipeline
        .apply(Create.of(ConformanceRows.rows()).withRowSchema(ConformanceRows.SCHEMA))
        .apply(
            CheckpointIO.write("types")
                .to(context)
                .withFormat(CheckpointFormat.ARROW)
                .withBatchRows(1)
                .withNumShards(1));
    TestPipelines.run(pipeline);
    Path shard = Path.of(ShardReads.shards(context, CheckpointScope.RUN, "types").get(0));

    int emptyArraysWithOffsets = 0;
    try (BufferAllocator allocator = new RootAllocator();
        SeekableByteChannel channel = Files.newByteChannel(shard);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      List<Field> fields = preOrder(reader.getVectorSchemaRoot().getSchema().getFields());
      for (ArrowBlock block : reader.getRecordBlocks()) {
        channel.position(block.getOffset());
        RecordBatch batch =
            (RecordBatch)
                MessageSerializer.readMessage(new ReadChannel(channel))
                    .getMessage()
                    .header(new RecordBatch());
        assertEquals(fields.size(), batch.nodesLength());
        int buffer = 0;
        for (int node = 0; node < fields.size(); node++) {
          List<BufferLayout.BufferType> layout =
              TypeLayout.getTypeLayout(fields.get(node).getType()).getBufferTypes();
          for (BufferLayout.BufferType type : layout) {
            if (type == BufferLayout.BufferType.OFFSET && batch.nodes(node).length() == 0) {
              // The columnar format: an array of length n has n + 1 offsets.
              assertTrue(batch.buffers(buffer).length() >= 4, fields.get(node).toString());
              emptyArraysWithOffsets++;
            }
            buffer++;
          }
        }
        assertEquals(batch.buffersLength(), buffer);
      }
    }
    assertTrue(emptyArraysWithOffsets > 0, "the data must have empty arrays to check");
  }

  /** Fields in the order record batch nodes list them: each field, then its children. */
  private static List<Field> preOrder(List<Field> fields) {
    List<Field> all = new ArrayList<>();
    for (Field field : fields) {
      all.add(field);
      all.addAll(preOrder(field.getChildren()));
    }
    return all;
  }

  private static String text(VectorSchemaRoot batch, String column, int row) {
    return ((VarCharVector) batch.getVector(column)).getObject(row).toString();
  }

  /** The body compression a record batch's own message declares. */
  private static CheckpointCompression batchCompression(SeekableByteChannel channel, ArrowBlock block)
      throws Exception {
    channel.position(block.getOffset());
    RecordBatch batch =
        (RecordBatch)
            MessageSerializer.readMessage(new ReadChannel(channel))
                .getMessage()
                .header(new RecordBatch());
    BodyCompression compression = batch.compression();
    if (compression == null) {
      return CheckpointCompression.UNCOMPRESSED;
    }
    return compression.codec() == CompressionType.LZ4_FRAME
        ? CheckpointCompression.LZ4_FRAME
        : CheckpointCompression.ZSTD;
  }

  @ParameterizedTest
  @EnumSource(
      value = CheckpointCompression.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
  void parquetShardsOpenInParquetJavasOwnReader(CheckpointCompression compression)
      throws Exception {
    Path shard =
        writeOneShard(
            CheckpointIO.write("interop")
                .withFormat(CheckpointFormat.PARQUET)
                .withCompression(compression));
    byte[] bytes = Files.readAllBytes(shard);
    byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(magic, Arrays.copyOfRange(bytes, 0, 4));
    assertArrayEquals(magic, Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length));

    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(shard.toUri()), new Configuration()))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertEquals(PrimitiveTypeName.INT64, schema.getType("id").asPrimitiveType().getPrimitiveTypeName());
      assertEquals(LogicalTypeAnnotation.stringType(), schema.getType("name").getLogicalTypeAnnotation());
      assertEquals(
          LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS),
          schema.getType("at").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.dateType(), schema.getType("day").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.listType(), schema.getType("tags").getLogicalTypeAnnotation());
      assertEquals(LogicalTypeAnnotation.mapType(), schema.getType("attrs").getLogicalTypeAnnotation());
      for (BlockMetaData rowGroup : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData column : rowGroup.getColumns()) {
          assertEquals(CompressionCodecName.valueOf(compression.name()), column.getCodec());
        }
      }

      Set<Integer> ids = new HashSet<>();
      for (PageReadStore pages = reader.readNextRowGroup();
          pages != null;
          pages = reader.readNextRowGroup()) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(schema)
                .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long r = 0; r < pages.getRowCount(); r++) {
          Group group = records.read();
          int i = (int) group.getLong("id", 0);
          assertTrue(ids.add(i), "id " + i + " twice");
          assertEquals("name ü " + i, group.getString("name", 0));
          assertEquals(i + ".50", group.getString("amount", 0));
          assertEquals(micros(i), group.getLong("at", 0));
          assertEquals(LocalDate.of(2026, 1, 1).plusDays(i).toEpochDay(), group.getInteger("day", 0));
          Group tags = group.getGroup("tags", 0);
          assertEquals(2, tags.getFieldRepetitionCount("list"));
          assertEquals("t" + i, tags.getGroup("list", 0).getString("element", 0));
          assertEquals("x", tags.getGroup("list", 1).getString("element", 0));
          Group entry = group.getGroup("attrs", 0).getGroup("key_value", 0);
          assertEquals("k", entry.getString("key", 0));
          assertEquals(i, entry.getInteger("value", 0));
          assertEquals("city " + i, group.getGroup("customer", 0).getString("city", 0));
          if (i % 2 == 0) {
            assertEquals(0, group.getFieldRepetitionCount("note"));
          } else {
            assertEquals("note " + i, group.getString("note", 0));
          }
        }
      }
      assertEquals(ROWS, ids.size());
    }
  }
}
