package org.checkpointio.format.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.avro.generic.GenericData;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.checkpointio.ConformanceRows;
import org.checkpointio.TestRows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library writes Parquet with parquet-avro directly, not through Beam's Parquet module (so a
 * pipeline on another Beam never gets a second Beam's modules). Its files are byte for byte those
 * of Beam's {@code ParquetIO.sink} for the same records and settings: every type of the mapping,
 * several row groups, each codec.
 */
class RowParquetSinkTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD"})
  void everyTypeIsWrittenAsBeamsParquetSinkWritesIt(CompressionCodecName codec) throws Exception {
    assertSameBytes(ConformanceRows.SCHEMA, ConformanceRows.rows(), codec, 1024 * 1024);
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"SNAPPY", "ZSTD"})
  void severalRowGroupsAreWrittenAsBeamsParquetSinkWritesThem(CompressionCodecName codec)
      throws Exception {
    List<Row> orders =
        LongStream.range(0, 30_000).mapToObj(TestRows::order).collect(Collectors.toList());
    assertSameBytes(TestRows.ORDER, orders, codec, ParquetShardFormat.MIN_ROW_GROUP_BYTES);
  }

  private void assertSameBytes(
      Schema schema, List<Row> rows, CompressionCodecName codec, int rowGroupBytes)
      throws Exception {
    Path ours = dir.resolve("ours-" + codec + ".parquet");
    write(new RowParquetSink(schema, codec, rowGroupBytes), rows, ours, row -> row);

    AvroRowCodec avro = AvroRowCodec.of(schema);
    Path beams = dir.resolve("beams-" + codec + ".parquet");
    FileIO.Sink<Object> beamSink =
        cast(
            ParquetIO.sink(avro.avroSchema())
                .withCompressionCodec(codec)
                .withRowGroupSize(rowGroupBytes)
                .withAvroDataModel(GenericData.get())
                .withConfiguration(Map.of(RowParquetSink.OLD_LIST_STRUCTURE, "false")));
    write(beamSink, rows, beams, avro::toRecord);

    byte[] expected = Files.readAllBytes(beams);
    assertTrue(expected.length > 1_000, "Beam's sink wrote " + expected.length + " bytes");
    assertArrayEquals(expected, Files.readAllBytes(ours), "shard bytes with " + codec);
  }

  @SuppressWarnings("unchecked")
  private static FileIO.Sink<Object> cast(FileIO.Sink<?> sink) {
    return (FileIO.Sink<Object>) sink;
  }

  private static <T> void write(
      FileIO.Sink<T> sink, List<Row> rows, Path file, java.util.function.Function<Row, T> convert)
      throws Exception {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sink.open(channel);
      for (Row row : rows) {
        sink.write(convert.apply(row));
      }
      sink.flush();
    }
  }
}
