package org.checkpointio.providers;

import java.util.Map;
import org.apache.beam.sdk.schemas.transforms.SchemaTransform;
import org.apache.beam.sdk.schemas.transforms.SchemaTransformProvider;
import org.apache.beam.sdk.values.Row;

/**
 * Configuration rows as an expansion service hands them to a provider: on the provider's own
 * (snake_case) configuration schema, unset fields null.
 */
final class ProviderConfigs {
  private ProviderConfigs() {}

  static Row configRow(SchemaTransformProvider provider, Map<String, Object> values) {
    Row.FieldValueBuilder row =
        Row.withSchema(provider.configurationSchema()).withFieldValues(Map.of());
    for (Map.Entry<String, Object> value : values.entrySet()) {
      row = row.withFieldValue(value.getKey(), value.getValue());
    }
    return row.build();
  }

  static SchemaTransform transform(SchemaTransformProvider provider, Map<String, Object> values) {
    return provider.from(configRow(provider, values));
  }
}
