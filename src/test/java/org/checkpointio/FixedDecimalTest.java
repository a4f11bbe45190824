package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.SchemaTranslation;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.checkpointio.format.FixedDecimal;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decimals of fixed precision and scale ({@code withDecimal}, or Beam's {@code
 * FixedPrecisionNumeric} in the schema) are stored as Parquet DECIMAL and Arrow Decimal128 columns,
 * read back exactly as the same logical type, and a value that does not fit fails the write naming
 * the field and the value, committing nothing.
 */
class FixedDecimalTest {
  @TempDir Path root;

  /** What a source such as Beam SQL or a CSV parse gives: plain DECIMAL fields. */
  static final Schema PLAIN =
      Schema.builder()
          .addInt64Field("id")
          .addDecimalField("amount")
          .addNullableField("fee", FieldType.DECIMAL)
          .addDecimalField("big")
          .addDecimalField("count")
          .build();

  private static Row plain(long id, String amount, String fee, String big, String count) {
    return Row.withSchema(PLAIN)
        .addValues(
            id,
            new BigDecimal(amount),
            fee == null ? null : new BigDecimal(fee),
            new BigDecimal(big),
            new BigDecimal(count))
        .build();
  }

  /** Negative, zero, the largest of each precision, nulls, and values below the scale. */
  static final List<Row> ROWS =
      List.of(
          plain(1, "12.34", "0.0001", "12345678901234567890123456789012.345678", "7"),
          plain(2, "-0.01", null, "-99999999999999999999999999999999.999999", "-9999999999"),
          plain(3, "0", "-99999.9999", "0.000001", "0"),
          plain(4, "9999999999999999.99", null, "99999999999999999999999999999999.999999", "1"),
          plain(5, "-9999999999999999.99", "1.5", "-0.000001", "9999999999"),
          // Trailing zeros past the scale are no digits: 2.500 fits a scale of 2.
          plain(6, "2.500", "12", "1E+3", "1E+2"));

  /** The precision and scale of each decimal of {@link #PLAIN}, as {@link #FIXED} has them. */
  static CheckpointIO.Write withDecimals(CheckpointIO.Write write) {
    return write
        .withDecimal("amount", 18, 2)
        .withDecimal("fee", 9, 4)
        .withDecimal("big", 38, 6)
        .withDecimal("count", 10, 0);
  }

  private CheckpointIO.Write declared(CheckpointFormat format) {
    return withDecimals(
        CheckpointIO.write("amounts")
            .to(CheckpointContext.of(root.toString(), "run-1"))
            .withFormat(format));
  }

  static final Schema FIXED =
      Schema.builder()
          .addInt64Field("id")
          .addLogicalTypeField("amount", FixedPrecisionNumeric.of(18, 2))
          .addNullableField("fee", FieldType.logicalType(FixedPrecisionNumeric.of(9, 4)))
          .addLogicalTypeField("big", FixedPrecisionNumeric.of(38, 6))
          .addLogicalTypeField("count", FixedPrecisionNumeric.of(10, 0))
          .build();

  /** The rows as read: each value at its field's scale. */
  static List<Row> fixed() {
    List<Row> rows = new ArrayList<>();
    for (Row row : ROWS) {
      rows.add(
          Row.withSchema(FIXED)
              .attachValues(
                  row.getInt64("id"),
                  row.getDecimal("amount").setScale(2),
                  row.getDecimal("fee") == null ? null : row.getDecimal("fee").setScale(4),
                  row.getDecimal("big").setScale(6),
                  row.getDecimal("count").setScale(0)));
    }
    return rows;
  }

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void declaredDecimalsReadBackAsFixedPrecisionNumericWithExactValues(CheckpointFormat format)
      throws Exception {
    Pipeline write = TestPipelines.create();
    write.apply(Create.of(ROWS).withRowSchema(PLAIN)).apply(declared(format).withNumShards(2));
    TestPipelines.run(write);

    CheckpointPaths paths = context().paths(CheckpointScope.RUN, "amounts");
    Manifest manifest = TestPipelines.assertHoldsExactlyItsCommit(paths);
    assertEquals(FIXED, manifest.schema());

    Pipeline read = TestPipelines.create();
    PCollection<Row> back = read.apply(CheckpointIO.read("amounts").from(context()));
    assertEquals(FIXED, back.getSchema());
    PAssert.that(back).containsInAnyOrder(fixed());
    TestPipelines.run(read);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aFixedPrecisionNumericInTheSchemaIsStoredAsADecimalWithoutWithDecimal(
      CheckpointFormat format) {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(fixed()).withRowSchema(FIXED))
        .apply(CheckpointIO.write("amounts").to(context()).withFormat(format));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("amounts").from(context())))
        .containsInAnyOrder(fixed());
    TestPipelines.run(read);
  }

  @org.junit.jupiter.api.Test
  void parquetShardsHaveDecimalColumnsOfFixedLengthBytes() throws Exception {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(ROWS).withRowSchema(PLAIN))
        .apply(declared(CheckpointFormat.PARQUET).withNumShards(1));
    TestPipelines.run(write);
    String shard = ShardReads.shards(context(), CheckpointScope.RUN, "amounts").get(0);

    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(shard), new Configuration(false)))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertDecimalColumn(schema, "amount", 8, 18, 2);
      assertDecimalColumn(schema, "fee", 4, 9, 4);
      assertDecimalColumn(schema, "big", 16, 38, 6);
      assertDecimalColumn(schema, "count", 5, 10, 0);
      assertEquals(
          org.apache.parquet.schema.Type.Repetition.OPTIONAL,
          schema.getType("fee").getRepetition());
      assertEquals(
          org.apache.parquet.schema.Type.Repetition.REQUIRED,
          schema.getType("amount").getRepetition());
    }
  }

  private static void assertDecimalColumn(
      MessageType schema, String column, int bytes, int precision, int scale) {
    PrimitiveType type = schema.getType(column).asPrimitiveType();
    assertEquals(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, type.getPrimitiveTypeName(), column);
    assertEquals(bytes, type.getTypeLength(), column);
    assertEquals(
        LogicalTypeAnnotation.decimalType(scale, precision),
        type.getLogicalTypeAnnotation(),
        column);
  }

  @org.junit.jupiter.api.Test
  void arrowShardsHaveDecimal128ColumnsThatArrowJavaReads() throws Exception {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(ROWS).withRowSchema(PLAIN))
        .apply(declared(CheckpointFormat.ARROW).withNumShards(1));
    TestPipelines.run(write);
    Path shard = Path.of(ShardReads.shards(context(), CheckpointScope.RUN, "amounts").get(0));

    List<String> values = new ArrayList<>();
    try (BufferAllocator allocator = new RootAllocator();
        SeekableByteChannel channel = Files.newByteChannel(shard);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      VectorSchemaRoot batch = reader.getVectorSchemaRoot();
      assertEquals(
          new ArrowType.Decimal(18, 2, 128), batch.getSchema().findField("amount").getType());
      assertEquals(new ArrowType.Decimal(9, 4, 128), batch.getSchema().findField("fee").getType());
      assertTrue(batch.getSchema().findField("fee").isNullable());
      assertEquals(
          new ArrowType.Decimal(38, 6, 128), batch.getSchema().findField("big").getType());
      assertEquals(
          new ArrowType.Decimal(10, 0, 128), batch.getSchema().findField("count").getType());
      for (ArrowBlock block : reader.getRecordBlocks()) {
        reader.loadRecordBatch(block);
        for (int r = 0; r < batch.getRowCount(); r++) {
          DecimalVector fee = (DecimalVector) batch.getVector("fee");
          values.add(
              String.join(
                  " ",
                  ((DecimalVector) batch.getVector("amount")).getObject(r).toString(),
                  fee.isNull(r) ? "null" : fee.getObject(r).toString(),
                  ((DecimalVector) batch.getVector("big")).getObject(r).toString(),
                  ((DecimalVector) batch.getVector("count")).getObject(r).toString()));
        }
      }
    }
    values.sort(null);
    assertEquals(
        Stream.of(
                "12.34 0.0001 12345678901234567890123456789012.345678 7",
                "-0.01 null -99999999999999999999999999999999.999999 -9999999999",
                "0.00 -99999.9999 0.000001 0",
                "9999999999999999.99 null 99999999999999999999999999999999.999999 1",
                "-9999999999999999.99 1.5000 -0.000001 9999999999",
                "2.50 12.0000 1000.000000 100")
            .sorted()
            .toList(),
        values);
  }

  /** A value too large or too fine for its field, with the message's words about it. */
  static Stream<Arguments> valuesThatDoNotFit() {
    return Stream.of(CheckpointFormat.values())
        .flatMap(
            format ->
                Stream.of(
                    Arguments.of(
                        format,
                        plain(9, "10000000000000000.00", "1", "1", "1"),
                        "Field 'amount' is DECIMAL(18,2), but holds 10000000000000000.00, which"
                            + " has more than 16 digits before the point; declare a larger"
                            + " precision"),
                    Arguments.of(
                        format,
                        plain(9, "1.005", "1", "1", "1"),
                        "Field 'amount' is DECIMAL(18,2), but holds 1.005, which has more than 2"
                            + " digits after the point; round it before the write, such as with"
                            + " setScale(2, RoundingMode.HALF_EVEN)"),
                    Arguments.of(
                        format,
                        plain(9, "1", "-100000", "1", "1"),
                        "Field 'fee' is DECIMAL(9,4), but holds -100000, which has more than 5"
                            + " digits before the point; declare a larger precision"),
                    Arguments.of(
                        format,
                        plain(9, "1", "1", "1", "1E+10"),
                        "Field 'count' is DECIMAL(10,0), but holds 10000000000, which has more"
                            + " than 10 digits before the point; declare a larger precision")));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("valuesThatDoNotFit")
  void aValueThatDoesNotFitFailsTheWriteNamingFieldAndValueAndCommitsNothing(
      CheckpointFormat format, Row bad, String message) throws Exception {
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(List.of(ROWS.get(0), bad, ROWS.get(1))).withRowSchema(PLAIN))
        .apply(declared(format).withNumShards(2));
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(write));
    IllegalArgumentException e = TestPipelines.causeOf(thrown, IllegalArgumentException.class);
    assertSame(IllegalArgumentException.class, e.getClass());
    assertEquals(message, e.getMessage());

    CheckpointPaths paths = context().paths(CheckpointScope.RUN, "amounts");
    assertTrue(CommittedManifests.read(paths).isEmpty(), "no manifest");
    Path directory = Path.of(paths.directory().toString());
    for (String file : TestPipelines.filesUnder(directory)) {
      assertTrue(file.startsWith(".tmp-"), file + " is left outside the temporary directory");
    }
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void aValueInAFixedPrecisionNumericFieldThatDoesNotFitFailsTheWriteInTheFormat(
      CheckpointFormat format) throws Exception {
    // Beam's own check lets 1.005 into a scale of 2 (it has few digits); the format does not.
    Row bad =
        Row.withSchema(FIXED)
            .attachValues(
                1L,
                new BigDecimal("1.005"),
                null,
                BigDecimal.ONE.setScale(6),
                BigDecimal.ONE);
    Pipeline write = TestPipelines.create();
    TestPipelines.inOneBundle(write, FIXED, List.of(bad))
        .apply(CheckpointIO.write("amounts").to(context()).withFormat(format));
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(write));
    IllegalArgumentException e = TestPipelines.causeOf(thrown, IllegalArgumentException.class);
    assertTrue(
        e.getMessage().startsWith("Field 'amount' is DECIMAL(18,2), but holds 1.005"),
        e.getMessage());
    assertNull(
        CommittedManifests.read(context().paths(CheckpointScope.RUN, "amounts")).stream()
            .findFirst()
            .orElse(null));
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void anAppendOfPlainDecimalsIsAlignedToTheFixedContractValueByValue(CheckpointFormat format)
      throws Exception {
    Pipeline first = TestPipelines.create();
    first
        .apply(Create.of(ROWS.subList(0, 3)).withRowSchema(PLAIN))
        .apply(declared(format).withAppend());
    TestPipelines.run(first);

    // A later job appends plain decimals: the stored contract gives them their precision.
    Pipeline second = TestPipelines.create();
    second
        .apply(Create.of(ROWS.subList(3, 6)).withRowSchema(PLAIN))
        .apply(
            CheckpointIO.write("amounts").to(context()).withFormat(format).withAppend());
    TestPipelines.run(second);

    Pipeline read = TestPipelines.create();
    PCollection<Row> back = read.apply(CheckpointIO.read("amounts").from(context()));
    assertEquals(FIXED, back.getSchema());
    PAssert.that(back).containsInAnyOrder(fixed());
    TestPipelines.run(read);

    Pipeline tooFine = TestPipelines.create();
    tooFine
        .apply(Create.of(List.of(plain(9, "0.001", null, "1", "1"))).withRowSchema(PLAIN))
        .apply(
            CheckpointIO.write("amounts").to(context()).withFormat(format).withAppend());
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(tooFine));
    assertTrue(
        TestPipelines.causeOf(thrown, IllegalArgumentException.class)
            .getMessage()
            .startsWith("Field 'amount' is DECIMAL(18,2), but holds 0.001,"),
        thrown.toString());
    assertEquals(
        2, CommittedManifests.read(context().paths(CheckpointScope.RUN, "amounts")).size());
  }

  /**
   * Versions before DECIMAL columns stored a {@code FixedPrecisionNumeric} as its text, as this
   * one still stores one without a precision. Such shards, under a manifest whose schema has
   * {@link #FIXED}'s precisions, are what those versions left: they still read, alone and beside
   * the decimal columns of a later append.
   */
  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void shardsThatHoldFixedDecimalsAsTextStillReadBesideDecimalColumns(CheckpointFormat format)
      throws Exception {
    Schema.Builder builder = Schema.builder();
    for (Schema.Field field : FIXED.getFields()) {
      FixedDecimal decimal = FixedDecimal.of(field.getType());
      builder.addField(
          decimal == null
              ? field
              : field.withType(
                  FieldType.logicalType(FixedPrecisionNumeric.of(decimal.scale()))
                      .withNullable(field.getType().getNullable())));
    }
    Schema asText = builder.build();
    List<Row> old = new ArrayList<>();
    for (Row row : fixed().subList(0, 3)) {
      old.add(Row.withSchema(asText).attachValues(row.getValues()));
    }
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(old).withRowSchema(asText))
        .apply(
            CheckpointIO.write("amounts")
                .to(context())
                .withFormat(format)
                .withNumShards(1)
                .withAppend());
    TestPipelines.run(write);
    CheckpointPaths paths = context().paths(CheckpointScope.RUN, "amounts");
    Manifest manifest = CommittedManifests.read(paths).get(0);
    Path manifestFile = Path.of(CommittedManifests.location(paths, manifest).toString());
    ObjectMapper json = new ObjectMapper();
    ObjectNode tree = (ObjectNode) json.readTree(manifestFile.toFile());
    tree.put(
        "beamSchema",
        Base64.getEncoder()
            .encodeToString(SchemaTranslation.schemaToProto(FIXED, true).toByteArray()));
    json.writerWithDefaultPrettyPrinter().writeValue(manifestFile.toFile(), tree);
    assertEquals(FIXED, CommittedManifests.read(paths).get(0).schema());

    Pipeline readOld = TestPipelines.create();
    PAssert.that(readOld.apply(CheckpointIO.read("amounts").from(context())))
        .containsInAnyOrder(fixed().subList(0, 3));
    TestPipelines.run(readOld);

    Pipeline append = TestPipelines.create();
    append
        .apply(Create.of(ROWS.subList(3, 6)).withRowSchema(PLAIN))
        .apply(CheckpointIO.write("amounts").to(context()).withFormat(format).withAppend());
    TestPipelines.run(append);

    Pipeline readBoth = TestPipelines.create();
    PCollection<Row> both = readBoth.apply(CheckpointIO.read("amounts").from(context()));
    PAssert.that(both).containsInAnyOrder(fixed());
    PAssert.that(
            readBoth.apply(
                "Amounts",
                CheckpointIO.read("amounts").from(context()).withProjection("amount", "count")))
        .containsInAnyOrder(
            fixed().stream()
                .map(
                    r ->
                        Row.withSchema(
                                Schema.builder()
                                    .addField(FIXED.getField("amount"))
                                    .addField(FIXED.getField("count"))
                                    .build())
                            .attachValues(r.getDecimal("amount"), r.getDecimal("count")))
                .toList());
    TestPipelines.run(readBoth);
  }

  static Stream<Arguments> nestedValuesThatDoNotFit() {
    return Stream.of(CheckpointFormat.values())
        .flatMap(
            format ->
                Stream.of(
                    Arguments.of(format, "1000.00", "1.00", "line.amount", "1000.00"),
                    Arguments.of(format, "1.00", "0.001", "prices[]", "0.001")));
  }

  /** Fixed decimals nested in rows and lists are stored as decimals too, and checked by path. */
  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("nestedValuesThatDoNotFit")
  void aNestedValueThatDoesNotFitFailsTheWriteNamingItsPath(
      CheckpointFormat format, String amount, String price, String path, String value)
      throws Exception {
    FieldType decimal = FieldType.logicalType(FixedPrecisionNumeric.of(5, 2));
    Schema line = Schema.builder().addField("amount", decimal).build();
    Schema order =
        Schema.builder()
            .addRowField("line", line)
            .addArrayField("prices", decimal)
            .build();
    Row good =
        Row.withSchema(order)
            .attachValues(
                Row.withSchema(line).attachValues(new BigDecimal("-999.99")),
                List.of(new BigDecimal("0.01"), new BigDecimal("999.99")));
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(List.of(good)).withRowSchema(order))
        .apply(CheckpointIO.write("nested").to(context()).withFormat(format));
    TestPipelines.run(write);
    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("nested").from(context())))
        .containsInAnyOrder(good);
    TestPipelines.run(read);

    Row bad =
        Row.withSchema(order)
            .attachValues(
                Row.withSchema(line).attachValues(new BigDecimal(amount)),
                List.of(new BigDecimal(price)));
    Pipeline failing = TestPipelines.create();
    TestPipelines.inOneBundle(failing, order, List.of(bad))
        .apply(CheckpointIO.write("nested").to(context()).withFormat(format));
    Throwable thrown = assertThrows(Throwable.class, () -> TestPipelines.run(failing));
    String message = TestPipelines.causeOf(thrown, IllegalArgumentException.class).getMessage();
    assertTrue(
        message.startsWith("Field '" + path + "' is DECIMAL(5,2), but holds " + value + ","),
        message);
  }
}
