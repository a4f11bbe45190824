package org.checkpointio.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.EnumerationType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.schemas.logicaltypes.Time;

/**
 * Restores SqlTypes DATE, TIME and DATETIME in a schema decoded from a manifest that names them by
 * URN alone. Java writers embed each logical type's Java serialization in the portable schema, and
 * Beam's SchemaTranslation knows these three only from it; a writer outside Java (the Python
 * package, see docs/python.md) cannot embed it, and Beam would decode an unknown logical type
 * whose coder fails on the LocalDate, LocalTime and LocalDateTime values the readers produce.
 * The URN, representation and argument identify each type exactly, so nothing is guessed. An
 * enumeration is restored the same way: its Java serialization does not decode on other Beam
 * releases, so a checkpoint written with one Beam is read with another.
 */
final class PortableLogicalTypes {
  /**
   * Beam's URN for its Java enumeration type. Its embedded Java serialization does not decode on
   * another Beam release (2.62.0's does not on 2.72.0), which then sees an unknown logical type;
   * the argument, the names and their numbers, identifies the enumeration exactly.
   */
  private static final String ENUMERATION_URN = "beam:logical_type:javasdk_enum:v1";

  private PortableLogicalTypes() {}

  /** The schema with these types restored; the same instance if nothing needed restoring. */
  static Schema restore(Schema schema) {
    List<Field> fields = new ArrayList<>(schema.getFieldCount());
    boolean changed = false;
    for (Field field : schema.getFields()) {
      FieldType type = restore(field.getType());
      changed |= type != field.getType();
      fields.add(type == field.getType() ? field : field.withType(type));
    }
    if (!changed) {
      return schema;
    }
    return Schema.builder().addFields(fields).setOptions(schema.getOptions()).build();
  }

  private static FieldType restore(FieldType type) {
    FieldType restored;
    switch (type.getTypeName()) {
      case ARRAY:
        FieldType element = restore(type.getCollectionElementType());
        restored =
            element == type.getCollectionElementType() ? type : FieldType.array(element);
        break;
      case ITERABLE:
        FieldType item = restore(type.getCollectionElementType());
        restored = item == type.getCollectionElementType() ? type : FieldType.iterable(item);
        break;
      case MAP:
        FieldType key = restore(type.getMapKeyType());
        FieldType value = restore(type.getMapValueType());
        restored =
            key == type.getMapKeyType() && value == type.getMapValueType()
                ? type
                : FieldType.map(key, value);
        break;
      case ROW:
        Schema row = restore(type.getRowSchema());
        restored = row == type.getRowSchema() ? type : FieldType.row(row);
        break;
      case LOGICAL_TYPE:
        restored = restoreLogical(type);
        break;
      default:
        return type;
    }
    return restored == type ? type : restored.withNullable(type.getNullable());
  }

  private static FieldType restoreLogical(FieldType type) {
    LogicalType<?, ?> logical = type.getLogicalType();
    String identifier = logical.getIdentifier();
    if (identifier.equals(Date.IDENTIFIER) && !(logical instanceof Date)) {
      return FieldType.logicalType(SqlTypes.DATE);
    }
    if (identifier.equals(Time.IDENTIFIER) && !(logical instanceof Time)) {
      return FieldType.logicalType(SqlTypes.TIME);
    }
    if (identifier.equals(DateTime.IDENTIFIER) && !(logical instanceof DateTime)) {
      return FieldType.logicalType(SqlTypes.DATETIME);
    }
    if (identifier.equals(ENUMERATION_URN)
        && !(logical instanceof EnumerationType)
        && logical.getArgument() instanceof Map) {
      Map<String, Integer> values = new LinkedHashMap<>();
      ((Map<?, ?>) logical.getArgument())
          .forEach((name, number) -> values.put(name.toString(), ((Number) number).intValue()));
      return FieldType.logicalType(EnumerationType.create(values));
    }
    return type;
  }
}
