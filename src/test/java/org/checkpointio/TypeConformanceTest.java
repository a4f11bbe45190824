package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Beam type the specification lists reads back exactly as written, in every format:
 * each leaf type required and nullable, at the top level and inside nested ROWs, ARRAYs and MAPs,
 * with nulls at each level. {@link ConformanceRows} holds the schema and the rows.
 */
class TypeConformanceTest {
  @TempDir Path root;

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void everyTypeReadsBackEqualInALaterPipeline(CheckpointFormat format) {
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    List<Row> rows = ConformanceRows.rows();
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows).withRowSchema(ConformanceRows.SCHEMA))
        .apply(CheckpointIO.write("types").to(context).withFormat(format).withNumShards(2));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    PCollection<Row> back = read.apply(CheckpointIO.read("types").from(context));
    assertEquals(ConformanceRows.SCHEMA, back.getSchema());
    PAssert.that(back).containsInAnyOrder(rows);
    TestPipelines.run(read);
  }

  @ParameterizedTest
  @EnumSource(CheckpointFormat.class)
  void decimalsKeepPrecisionAndScale(CheckpointFormat format) {
    // BigDecimal.equals compares scale too, so the round trip above already checks it; this
    // states it on values where a fixed-scale decimal column would lose it.
    CheckpointContext context = CheckpointContext.of(root.toString(), "run-1");
    org.apache.beam.sdk.schemas.Schema schema =
        org.apache.beam.sdk.schemas.Schema.builder().addDecimalField("d").build();
    List<Row> rows =
        List.of(
            Row.withSchema(schema).addValue(new BigDecimal("1.10")).build(),
            Row.withSchema(schema).addValue(new BigDecimal("1.1")).build(),
            Row.withSchema(schema).addValue(new BigDecimal("1E+3")).build(),
            Row.withSchema(schema)
                .addValue(new BigDecimal("-98765432109876543210987654321.0123456789012"))
                .build());
    Pipeline write = TestPipelines.create();
    write
        .apply(Create.of(rows).withRowSchema(schema))
        .apply(CheckpointIO.write("decimals").to(context).withFormat(format));
    TestPipelines.run(write);

    Pipeline read = TestPipelines.create();
    PCollection<String> texts =
        read.apply(CheckpointIO.read("decimals").from(context))
            .apply(
                org.apache.beam.sdk.transforms.MapElements.into(
                        org.apache.beam.sdk.values.TypeDescriptors.strings())
                    .via(row -> row.getDecimal("d").scale() + ":" + row.getDecimal("d")));
    PAssert.that(texts)
        .containsInAnyOrder(
            "2:1.10", "1:1.1", "-3:1E+3", "13:-98765432109876543210987654321.0123456789012");
    TestPipelines.run(read);
  }
}
