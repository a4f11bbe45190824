package org.checkpointio.schema;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.checkpointio.format.FixedDecimal;

/**
 * The top-level DECIMAL fields a write stores with a fixed precision and scale ({@code
 * withDecimal}): the schema it writes has Beam's {@code FixedPrecisionNumeric} there, and its rows
 * are aligned to that schema, each value checked.
 */
public final class FixedDecimalFields implements Serializable {
  private static final FixedDecimalFields NONE = new FixedDecimalFields(new LinkedHashMap<>());

  private final LinkedHashMap<String, FixedDecimal> fields;

  private FixedDecimalFields(LinkedHashMap<String, FixedDecimal> fields) {
    this.fields = fields;
  }

  public static FixedDecimalFields none() {
    return NONE;
  }

  /** These fields and {@code field}, which replaces an earlier declaration of it. */
  public FixedDecimalFields with(String field, FixedDecimal decimal) {
    LinkedHashMap<String, FixedDecimal> more = new LinkedHashMap<>(fields);
    more.put(field, decimal);
    return new FixedDecimalFields(more);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * {@code input} with each declared field's type a fixed-precision decimal, nullable as it was.
   *
   * @param call the write that declares them, such as {@code CheckpointIO.write("orders")}, for
   *     messages
   * @throws IllegalArgumentException naming the field, and its type or the fields there are, if a
   *     declared field is missing or is no decimal
   */
  public Schema declare(String call, Schema input) {
    Schema.Builder declared = Schema.builder();
    for (Map.Entry<String, FixedDecimal> entry : fields.entrySet()) {
      String name = entry.getKey();
      if (!input.hasField(name)) {
        throw new IllegalArgumentException(
            String.format(
                "%s.withDecimal(\"%s\", %d, %d): the rows have no field '%s'; their top-level "
                    + "fields are %s. Name a top-level DECIMAL field.",
                call,
                name,
                entry.getValue().precision(),
                entry.getValue().scale(),
                name,
                input.getFieldNames()));
      }
      FieldType type = input.getField(name).getType();
      if (!FixedDecimal.isDecimal(type)) {
        throw new IllegalArgumentException(
            String.format(
                "%s.withDecimal(\"%s\", %d, %d): field '%s' is %s, but withDecimal fixes the "
                    + "precision of a DECIMAL (BigDecimal) field. Convert the field to DECIMAL "
                    + "before the write, or remove withDecimal(\"%s\", ...).",
                call,
                name,
                entry.getValue().precision(),
                entry.getValue().scale(),
                name,
                type.withNullable(false).toString().replace(" NOT NULL", ""),
                name));
      }
    }
    for (Field field : input.getFields()) {
      FixedDecimal decimal = fields.get(field.getName());
      declared.addField(
          decimal == null
              ? field
              : field.withType(decimal.fieldType(field.getType().getNullable())));
    }
    return declared.setOptions(input.getOptions()).build();
  }

  /** As display data shows them, such as {@code amount DECIMAL(18,2), fee DECIMAL(9,4)}. */
  @Override
  public String toString() {
    List<String> items = new ArrayList<>();
    fields.forEach((name, decimal) -> items.add(name + " " + decimal));
    return String.join(", ", items);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FixedDecimalFields
        && ((FixedDecimalFields) other).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }
}
