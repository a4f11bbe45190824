package org.checkpointio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import org.checkpointio.CheckpointScope;

/**
 * What {@code --json} prints: one JSON object per invocation, on stdout, instead of the text. Its
 * field names are camelCase and stable (docs/operations.md lists them per command); times are UTC
 * ISO 8601, scopes {@code RUN} or {@code CORRELATION}, ids and names as given (not encoded).
 */
final class JsonDocument {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonDocument() {}

  /** A document for the checked root, absolute: its first field, {@code root}. */
  static ObjectNode of(String root) {
    ObjectNode document = JSON.createObjectNode();
    document.put("root", root);
    return document;
  }

  static void print(PrintWriter out, ObjectNode document) throws JsonProcessingException {
    out.println(JSON.writeValueAsString(document));
  }

  /** Adds {@code scope}, {@code id} and {@code directory} (absolute) of a listed tree. */
  static ObjectNode tree(ObjectNode node, CheckpointScope scope, String id, String directory) {
    node.put("scope", scope.name());
    node.put("id", id);
    node.put("directory", directory);
    return node;
  }

  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }
}
