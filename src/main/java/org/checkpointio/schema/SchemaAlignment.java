package org.checkpointio.schema;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.values.Row;
import org.checkpointio.SchemaMismatchException;
import org.checkpointio.format.FixedDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How rows of a write's schema become rows of a checkpoint's schema contract: fields matched by
 * name and put in the contract's order, safe widenings cast, missing nullable fields set to null.
 * A decimal (plain or of any precision) aligns to a fixed-precision decimal value by value: each
 * is brought to the contract's scale, and one that does not fit fails the write naming the field
 * and the value. Anything else is a {@link SchemaMismatchException}, found when the pipeline is
 * built; a lenient alignment drops extra fields instead, with one warning.
 */
public final class SchemaAlignment implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaAlignment.class);

  /** Widenings that keep every value exactly: integer to wider integer, float to double, … */
  private static final Map<TypeName, Set<TypeName>> SAFE_WIDENINGS =
      Map.of(
          TypeName.BYTE,
          Set.of(TypeName.INT16, TypeName.INT32, TypeName.INT64, TypeName.FLOAT, TypeName.DOUBLE,
              TypeName.DECIMAL),
          TypeName.INT16,
          Set.of(TypeName.INT32, TypeName.INT64, TypeName.FLOAT, TypeName.DOUBLE, TypeName.DECIMAL),
          TypeName.INT32, Set.of(TypeName.INT64, TypeName.DOUBLE, TypeName.DECIMAL),
          TypeName.INT64, Set.of(TypeName.DECIMAL),
          TypeName.FLOAT, Set.of(TypeName.DOUBLE));

  /** The most digits a value of each integer type has, to see which fixed decimals hold them. */
  private static final Map<TypeName, Integer> INTEGER_DIGITS =
      Map.of(TypeName.BYTE, 3, TypeName.INT16, 5, TypeName.INT32, 10, TypeName.INT64, 19);

  private final Schema contract;
  private final Schema input;
  private final boolean lenient;
  private transient Function<Object, Object> converter;

  private SchemaAlignment(Schema contract, Schema input, boolean lenient) {
    this.contract = contract;
    this.input = input;
    this.lenient = lenient;
  }

  /**
   * Plans the alignment of {@code input} to {@code contract}, checking every field now.
   *
   * @throws SchemaMismatchException naming the first field that cannot be aligned
   */
  public static SchemaAlignment plan(
      String checkpoint, Schema contract, Schema input, boolean lenient) {
    SchemaAlignment alignment = new SchemaAlignment(contract, input, lenient);
    List<String> dropped = new ArrayList<>();
    alignment.converter =
        rowConverter(checkpoint, "", contract, input, lenient, dropped);
    if (!dropped.isEmpty()) {
      LOG.warn(
          "Checkpoint '{}': dropping fields {} that its schema contract does not have "
              + "(lenient schema policy)",
          checkpoint,
          dropped);
    }
    return alignment;
  }

  /** True when rows need no change: the schemas are the same. */
  public boolean isIdentity() {
    return contract.equals(input);
  }

  public Schema contract() {
    return contract;
  }

  public Row align(Row row) {
    if (converter == null) {
      converter = rowConverter("", "", contract, input, lenient, new ArrayList<>());
    }
    return (Row) converter.apply(row);
  }

  private static Function<Object, Object> rowConverter(
      String checkpoint,
      String prefix,
      Schema contract,
      Schema input,
      boolean lenient,
      List<String> dropped) {
    for (Field field : input.getFields()) {
      if (!contract.hasField(field.getName())) {
        if (!lenient) {
          throw new SchemaMismatchException(
              checkpoint,
              prefix + field.getName(),
              "absent",
              describe(field.getType()),
              "Remove the field from this write, or opt into dropping extra fields with "
                  + "withLenientSchema().");
        }
        dropped.add(prefix + field.getName());
      }
    }
    int count = contract.getFieldCount();
    int[] sources = new int[count];
    List<Function<Object, Object>> converters = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Field target = contract.getField(i);
      String path = prefix + target.getName();
      if (!input.hasField(target.getName())) {
        if (!target.getType().getNullable()) {
          throw new SchemaMismatchException(
              checkpoint,
              path,
              describe(target.getType()),
              "absent",
              "Add the field to this write; only nullable fields may be missing.");
        }
        sources[i] = -1;
        converters.add(null);
        continue;
      }
      sources[i] = input.indexOf(target.getName());
      converters.add(
          valueConverter(
              checkpoint, path, target.getType(), input.getField(sources[i]).getType(), lenient,
              dropped));
    }
    return value -> {
      Row row = (Row) value;
      List<Object> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        Object v = sources[i] < 0 ? null : row.getValue(sources[i]);
        values.add(v == null ? null : converters.get(i).apply(v));
      }
      return Row.withSchema(contract).attachValues(values);
    };
  }

  private static Function<Object, Object> valueConverter(
      String checkpoint,
      String path,
      FieldType target,
      FieldType source,
      boolean lenient,
      List<String> dropped) {
    if (source.getNullable() && !target.getNullable()) {
      throw mismatch(checkpoint, path, target, source, "Make the contract's field nullable by "
          + "rewriting the checkpoint exclusively, or filter out nulls before this write.");
    }
    TypeName to = target.getTypeName();
    TypeName from = source.getTypeName();
    if (target.withNullable(false).equals(source.withNullable(false))) {
      return v -> v;
    }
    if (to == TypeName.ROW && from == TypeName.ROW) {
      return rowConverter(
          checkpoint, path + ".", target.getRowSchema(), source.getRowSchema(), lenient, dropped);
    }
    if ((to == TypeName.ARRAY || to == TypeName.ITERABLE)
        && (from == TypeName.ARRAY || from == TypeName.ITERABLE)) {
      Function<Object, Object> element =
          nullSafe(valueConverter(checkpoint, path + "[]", target.getCollectionElementType(),
              source.getCollectionElementType(), lenient, dropped));
      return v -> {
        List<Object> out = new ArrayList<>();
        ((Iterable<?>) v).forEach(e -> out.add(element.apply(e)));
        return out;
      };
    }
    if (to == TypeName.MAP && from == TypeName.MAP) {
      Function<Object, Object> key =
          nullSafe(valueConverter(checkpoint, path + "{key}", target.getMapKeyType(),
              source.getMapKeyType(), lenient, dropped));
      Function<Object, Object> val =
          nullSafe(valueConverter(checkpoint, path + "{value}", target.getMapValueType(),
              source.getMapValueType(), lenient, dropped));
      return v -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, x) -> out.put(key.apply(k), val.apply(x)));
        return out;
      };
    }
    if (SAFE_WIDENINGS.getOrDefault(from, Set.of()).contains(to)) {
      return widening(to);
    }
    FixedDecimal fixed = FixedDecimal.of(target);
    if (fixed != null && FixedDecimal.isDecimal(source)) {
      // Declaring a precision is a check on values, not on types: each value is brought to the
      // scale, and one that does not fit fails the write, naming the field and the value.
      return v -> fixed.fit(path, (BigDecimal) v);
    }
    if (fixed != null && INTEGER_DIGITS.containsKey(from)) {
      int digits = INTEGER_DIGITS.get(from);
      if (digits <= fixed.precision() - fixed.scale()) {
        return v -> fixed.fit(path, BigDecimal.valueOf(((Number) v).longValue()));
      }
    }
    if (to == TypeName.DECIMAL && FixedDecimal.isDecimal(source)) {
      return v -> v; // a fixed-precision decimal is a decimal
    }
    throw mismatch(checkpoint, path, target, source, "Cast the field to the contract's type "
        + "before writing, or rewrite the checkpoint exclusively with the new schema.");
  }

  private static Function<Object, Object> widening(TypeName to) {
    switch (to) {
      case INT16:
        return v -> ((Number) v).shortValue();
      case INT32:
        return v -> ((Number) v).intValue();
      case INT64:
        return v -> ((Number) v).longValue();
      case FLOAT:
        return v -> ((Number) v).floatValue();
      case DOUBLE:
        return v -> ((Number) v).doubleValue();
      case DECIMAL:
        return v -> BigDecimal.valueOf(((Number) v).longValue());
      default:
        throw new IllegalStateException("No widening to " + to);
    }
  }

  private static Function<Object, Object> nullSafe(Function<Object, Object> converter) {
    return v -> v == null ? null : converter.apply(v);
  }

  private static SchemaMismatchException mismatch(
      String checkpoint, String path, FieldType target, FieldType source, String fix) {
    return new SchemaMismatchException(checkpoint, path, describe(target), describe(source), fix);
  }

  /** Beam's name of a type, but a fixed-precision decimal as {@code DECIMAL(18,2)}. */
  private static String describe(FieldType type) {
    FixedDecimal fixed = FixedDecimal.of(type);
    if (fixed == null) {
      return type.toString();
    }
    return type.getNullable() ? fixed.toString() : fixed + " NOT NULL";
  }
}
