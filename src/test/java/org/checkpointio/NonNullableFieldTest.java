package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row with null in a field its schema says is not nullable, at the top or nested at any depth,
 * fails the write in every format, naming the field's path, before any format stores it; the
 * checkpoint it would have replaced stays as it was.
 */
class NonNullableFieldTest {
  @TempDir Path root;

  private static final Schema CUSTOMER =
      Schema.builder().addInt64Field("id").addNullableField("name", FieldType.STRING).build();

  private static final Schema LINE =
      Schema.builder().addStringField("sku").addNullableField("quantity", FieldType.INT32).build();

  /** Non-nullable at the top, in a nested row, in array elements' rows, elements and map values. */
  private static final Schema ORDER =
      Schema.builder()
          .addInt64Field("id")
          .addNullableField("note", FieldType.STRING)
          .addRowField("customer", CUSTOMER)
          .addArrayField("lines", FieldType.row(LINE))
          .addArrayField("tags", FieldType.STRING)
          .addMapField("prices", FieldType.STRING, FieldType.DOUBLE)
          .build();

  /**
   * An order whose values are given, or good ones where null is passed for a nested part. Built
   * with attachValues, which checks nothing, as rows that come from a coder or a conversion are.
   */
  private static Row order(
      Long id, Row customer, List<Row> lines, List<String> tags, Map<String, Double> prices) {
    return Row.withSchema(ORDER).attachValues(id, null, customer, lines, tags, prices);
  }

  private static Row customer(Long id) {
    return Row.withSchema(CUSTOMER).attachValues(id, null);
  }

  private static Row line(String sku) {
    return Row.withSchema(LINE).attachValues(sku, null);
  }

  private static Map<String, Double> prices(Double eur) {
    Map<String, Double> prices = new LinkedHashMap<>();
    prices.put("USD", 1.0);
    prices.put("EUR", eur);
    return prices;
  }

  private static Row good(long id) {
    return order(id, customer(id), List.of(line("a"), line("b")), List.of("x"), prices(2.0));
  }

  /**
   * Format, field, a row with null there, and the shard count: 0 writes a shard per bundle, 2
   * shuffles rows to two shards first. Beam's coders cannot encode a null array element or map
   * value of a non-nullable type, so such rows never cross a shuffle; they reach a write fused
   * with the step that made them.
   */
  static Stream<Arguments> nullsWhereValuesAreRequired() {
    return Stream.of(CheckpointFormat.values())
        .flatMap(
            format ->
                Stream.of(
                    Arguments.of(
                        format, "id", order(null, customer(1L), none(), none(), prices(2.0)), 0),
                    Arguments.of(format, "customer", order(1L, null, none(), none(), prices(2.0)), 2),
                    Arguments.of(
                        format,
                        "customer.id",
                        order(1L, customer(null), none(), none(), prices(2.0)),
                        0),
                    Arguments.of(
                        format,
                        "lines[1].sku",
                        order(1L, customer(1L), List.of(line("a"), line(null)), none(), prices(2.0)),
                        2),
                    Arguments.of(
                        format,
                        "tags[2]",
                        order(1L, customer(1L), none(), Arrays.asList("x", "y", null), prices(2.0)),
                        0),
                    Arguments.of(
                        format,
                        "prices[EUR]",
                        order(1L, customer(1L), none(), none(), prices(null)),
                        0)));
  }

  private static <T> List<T> none() {
    return List.of();
  }

  private CheckpointContext context() {
    return CheckpointContext.of(root.toString(), "run-1");
  }

  /**
   * Writes {@code rows} as a DoFn emits them, handed on with no coder in between, as a runner that
   * fuses steps does: Beam's row coder could not even encode a null element or map value of a
   * non-nullable type, so the DirectRunner's encoding checks are off.
   */
  private void write(CheckpointFormat format, List<Row> rows, int numShards) {
    Pipeline pipeline =
        TestPipelines.create("--enforceEncodability=false", "--enforceImmutability=false");
    TestPipelines.inOneBundle(pipeline, ORDER, rows)
        .apply(
            CheckpointIO.write("orders").to(context()).withFormat(format).withNumShards(numShards));
    TestPipelines.run(pipeline);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("nullsWhereValuesAreRequired")
  void aNullWhereAValueIsRequiredFailsTheWriteNamingTheFieldAndKeepsThePredecessor(
      CheckpointFormat format, String field, Row bad, int numShards) throws Exception {
    List<Row> before = List.of(good(1), good(2), good(3));
    write(format, before, 1);
    CheckpointPaths paths = context().paths(CheckpointScope.RUN, "orders");
    Manifest committed = CommittedManifests.exclusive(paths).orElseThrow();

    Throwable thrown =
        assertThrows(
            Throwable.class, () -> write(format, List.of(good(10), bad, good(11)), numShards));
    IllegalArgumentException e = TestPipelines.causeOf(thrown, IllegalArgumentException.class);
    assertSame(IllegalArgumentException.class, e.getClass());
    assertEquals(
        "Field '"
            + field
            + "' of checkpoint 'orders' is not nullable, but a row has null there; make the "
            + "field nullable in the schema or filter such rows before the write.",
        e.getMessage());

    assertEquals(committed, CommittedManifests.exclusive(paths).orElseThrow());
    Pipeline read = TestPipelines.create();
    PAssert.that(read.apply(CheckpointIO.read("orders").from(context()))).containsInAnyOrder(before);
    TestPipelines.run(read);
  }
}
