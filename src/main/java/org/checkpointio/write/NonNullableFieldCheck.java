package org.checkpointio.write;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rejects a row that holds null where its schema requires a value, before any format sees it: a
 * format would otherwise store something its reader cannot decode, or fail deep inside with no
 * field named. Checks non-nullable fields at any depth: nested rows, elements of arrays and
 * iterables, values of maps. What to look at is worked out once per schema, so a schema with no
 * non-nullable field costs nothing per row, and nested values are visited only where something
 * below them is required.
 */
final class NonNullableFieldCheck implements Serializable {
  private final String checkpoint;
  private final @Nullable RowCheck check;

  private NonNullableFieldCheck(String checkpoint, @Nullable RowCheck check) {
    this.checkpoint = checkpoint;
    this.check = check;
  }

  /** The check of rows of {@code schema} written to checkpoint {@code checkpoint}. */
  static NonNullableFieldCheck of(String checkpoint, Schema schema) {
    return new NonNullableFieldCheck(checkpoint, RowCheck.of(schema));
  }

  /**
   * @throws IllegalArgumentException naming the path of the first required field (such as {@code
   *     customer.id}, {@code items[2].sku}, {@code prices[EUR]}) that holds null
   */
  void check(Row row) {
    if (check == null) {
      return;
    }
    String path = check.nullAt(row);
    if (path != null) {
      throw new IllegalArgumentException(
          String.format(
              "Field '%s' of checkpoint '%s' is not nullable, but a row has null there; make the "
                  + "field nullable in the schema or filter such rows before the write.",
              path.substring(1), checkpoint));
    }
  }

  /** Finds a null in a non-null value of one type. */
  private abstract static class ValueCheck implements Serializable {
    /**
     * The path of the first null that is not allowed within {@code value}, starting with its own
     * separator ({@code .field}, {@code [index]}), or null if there is none.
     */
    abstract @Nullable String nullAt(Object value);

    /** What a value of {@code type} needs checked inside, or null if nothing. */
    static @Nullable ValueCheck of(FieldType type) {
      switch (type.getTypeName()) {
        case ROW:
          return RowCheck.of(type.getRowSchema());
        case ARRAY:
        case ITERABLE:
          return ItemCheck.of(type.getCollectionElementType(), false);
        case MAP:
          return ItemCheck.of(type.getMapValueType(), true);
        default:
          // Logical types hold their own Java values, not rows, lists or maps to look into.
          return null;
      }
    }
  }

  /** The fields of a row that are required, and those with something required inside. */
  private static final class RowCheck extends ValueCheck {
    private final int[] required;
    private final String[] requiredNames;
    private final int[] nested;
    private final String[] nestedNames;
    private final ValueCheck[] nestedChecks;

    private RowCheck(
        Schema schema, List<Integer> required, List<Integer> nested, List<ValueCheck> checks) {
      this.required = required.stream().mapToInt(Integer::intValue).toArray();
      this.requiredNames = required.stream().map(schema::nameOf).toArray(String[]::new);
      this.nested = nested.stream().mapToInt(Integer::intValue).toArray();
      this.nestedNames = nested.stream().map(schema::nameOf).toArray(String[]::new);
      this.nestedChecks = checks.toArray(ValueCheck[]::new);
    }

    static @Nullable RowCheck of(Schema schema) {
      List<Integer> required = new ArrayList<>();
      List<Integer> nested = new ArrayList<>();
      List<ValueCheck> checks = new ArrayList<>();
      for (int i = 0; i < schema.getFieldCount(); i++) {
        Field field = schema.getField(i);
        if (!field.getType().getNullable()) {
          required.add(i);
        }
        ValueCheck inside = ValueCheck.of(field.getType());
        if (inside != null) {
          nested.add(i);
          checks.add(inside);
        }
      }
      return required.isEmpty() && nested.isEmpty()
          ? null
          : new RowCheck(schema, required, nested, checks);
    }

    @Override
    @Nullable
    String nullAt(Object value) {
      Row row = (Row) value;
      for (int i = 0; i < required.length; i++) {
        if (row.getValue(required[i]) == null) {
          return "." + requiredNames[i];
        }
      }
      for (int i = 0; i < nested.length; i++) {
        Object inner = row.getValue(nested[i]);
        if (inner != null) {
          String path = nestedChecks[i].nullAt(inner);
          if (path != null) {
            return "." + nestedNames[i] + path;
          }
        }
      }
      return null;
    }
  }

  /**
   * The elements of an array or iterable, named by index, or the values of a map, named by key:
   * each must be non-null if its type says so, and is checked inside.
   */
  private static final class ItemCheck extends ValueCheck {
    private final boolean mapValues;
    private final boolean required;
    private final @Nullable ValueCheck inside;

    private ItemCheck(boolean mapValues, boolean required, @Nullable ValueCheck inside) {
      this.mapValues = mapValues;
      this.required = required;
      this.inside = inside;
    }

    static @Nullable ItemCheck of(FieldType itemType, boolean mapValues) {
      boolean required = !itemType.getNullable();
      ValueCheck inside = ValueCheck.of(itemType);
      return required || inside != null ? new ItemCheck(mapValues, required, inside) : null;
    }

    @Override
    @Nullable
    String nullAt(Object value) {
      if (mapValues) {
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          String path = nullIn(entry.getValue());
          if (path != null) {
            return "[" + entry.getKey() + "]" + path;
          }
        }
        return null;
      }
      int index = 0;
      for (Object element : (Iterable<?>) value) {
        String path = nullIn(element);
        if (path != null) {
          return "[" + index + "]" + path;
        }
        index++;
      }
      return null;
    }

    /** The path within one item ("" if it is the null), or null if it is fine. */
    private @Nullable String nullIn(@Nullable Object item) {
      if (item == null) {
        return required ? "" : null;
      }
      return inside == null ? null : inside.nullAt(item);
    }
  }
}
