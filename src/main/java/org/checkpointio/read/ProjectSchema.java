package org.checkpointio.read;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;

/**
 * The schema a read outputs when it selects some fields of a checkpoint.
 *
 * <p>A selection names a top-level field ({@code "amount"}) or, with dots, a field inside ROW
 * fields ({@code "customer.address.city"}). Nesting is kept: selecting {@code
 * "customer.address.city"} outputs a {@code customer} ROW holding an {@code address} ROW holding
 * only {@code city}, each as nullable as before. Selecting a ROW field whole keeps all of it.
 * Fields keep their stored order, whatever the order of the selection. A field name that itself
 * contains a dot is matched whole before the dot is read as nesting. Projection does not reach
 * inside ARRAY, ITERABLE or MAP values; select those fields whole.
 */
public final class ProjectSchema {
  private ProjectSchema() {}

  /**
   * @throws IllegalArgumentException if a selected field does not exist (listing the fields that
   *     do) or descends into a field that is not a ROW
   */
  public static Schema of(String checkpointName, Schema schema, List<String> selection) {
    Selected root = new Selected();
    for (String path : selection) {
      root.add(checkpointName, path, schema, path, "");
    }
    return root.project(schema);
  }

  /** The selected part of one ROW level: fields selected whole, or partly by their own tree. */
  private static final class Selected {
    /** Field name to its selected part, or to null when the field is selected whole. */
    private final Map<String, Selected> fields = new LinkedHashMap<>();

    void add(String checkpointName, String path, Schema schema, String rest, String prefix) {
      if (schema.hasField(rest)) {
        fields.put(rest, null);
        return;
      }
      for (int dot = rest.indexOf('.'); dot > 0; dot = rest.indexOf('.', dot + 1)) {
        String name = rest.substring(0, dot);
        if (!schema.hasField(name)) {
          continue;
        }
        FieldType type = schema.getField(name).getType();
        if (type.getTypeName() != TypeName.ROW) {
          throw new IllegalArgumentException(
              String.format(
                  "Cannot select '%s' of checkpoint '%s': '%s%s' is %s, not a ROW, and a "
                      + "projection selects inside ROW fields only; select '%s%s' whole.",
                  path, checkpointName, prefix, name, type, prefix, name));
        }
        if (fields.containsKey(name) && fields.get(name) == null) {
          return; // already selected whole
        }
        fields
            .computeIfAbsent(name, n -> new Selected())
            .add(
                checkpointName,
                path,
                type.getRowSchema(),
                rest.substring(dot + 1),
                prefix + name + ".");
        return;
      }
      throw new IllegalArgumentException(
          String.format(
              "Cannot select '%s' of checkpoint '%s': %s has no field '%s'. Its fields are: %s",
              path,
              checkpointName,
              prefix.isEmpty() ? "the checkpoint" : "'" + prefix.substring(0, prefix.length() - 1) + "'",
              rest,
              schema.getFields().stream().map(Field::getName).collect(Collectors.joining(", "))));
    }

    Schema project(Schema schema) {
      Schema.Builder projected = Schema.builder();
      for (Field field : schema.getFields()) {
        if (!fields.containsKey(field.getName())) {
          continue;
        }
        Selected part = fields.get(field.getName());
        if (part == null) {
          projected.addField(field);
        } else {
          FieldType type = field.getType();
          FieldType row =
              FieldType.row(part.project(type.getRowSchema())).withNullable(type.getNullable());
          projected.addField(field.withType(row));
        }
      }
      return projected.build();
    }
  }
}
