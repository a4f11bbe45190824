package org.checkpointio.templates.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Writes rows as RFC 4180 CSV: a header line of field names, then one line per row, fields quoted
 * when they hold a comma, quote or line break; null is an empty field, BYTES are base64, date-times
 * ISO-8601.
 */
final class CsvRowSink implements FileIO.Sink<Row> {
  private final Schema schema;
  private transient Writer writer;

  CsvRowSink(Schema schema) {
    this.schema = schema;
  }

  /**
   * @throws IllegalArgumentException naming the field and type, for a field CSV has no column for
   *     (ROW, ARRAY, ITERABLE, MAP)
   */
  static void checkFlat(Schema schema) {
    for (Schema.Field field : schema.getFields()) {
      FieldType type = field.getType();
      while (type.getTypeName().isLogicalType()) {
        type = type.getLogicalType().getBaseType();
      }
      if (type.getTypeName().isCompositeType()
          || type.getTypeName().isCollectionType()
          || type.getTypeName().isMapType()) {
        throw new IllegalArgumentException(
            String.format(
                "CSV cannot hold field '%s' of type %s: export this checkpoint as PARQUET or JSON",
                field.getName(), field.getType()));
      }
    }
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    OutputStream out = Channels.newOutputStream(channel);
    writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    List<String> header = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      header.add(field.getName());
    }
    writeLine(header);
  }

  @Override
  public void write(Row row) throws IOException {
    List<String> cells = new ArrayList<>(row.getFieldCount());
    for (int i = 0; i < row.getFieldCount(); i++) {
      Object value = row.getValue(i);
      cells.add(
          value == null
              ? ""
              : value instanceof byte[]
                  ? Base64.getEncoder().encodeToString((byte[]) value)
                  : value.toString());
    }
    writeLine(cells);
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  private void writeLine(List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        writer.write(',');
      }
      writer.write(quoted(cells.get(i)));
    }
    writer.write("\r\n");
  }

  private static String quoted(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
