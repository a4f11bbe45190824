package org.checkpointio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import org.apache.beam.sdk.io.FileSystems;
import org.checkpointio.CommittedWrite;
import org.checkpointio.StoredCheckpoint;

/**
 * {@code checkpoint show --json}: one committed checkpoint as a JSON object, for programs that
 * read its files without applying the read rule themselves. The field names are stable:
 *
 * <ul>
 *   <li>{@code name}, {@code scope} ({@code RUN} or {@code CORRELATION}), {@code id}: the
 *       checkpoint, as given (not encoded);
 *   <li>{@code directory}: its directory, absolute;
 *   <li>{@code fileFormat}, {@code totalRows}, {@code totalBytes}: of all live manifests together;
 *   <li>{@code manifests}: the live manifests, the exclusive one first, each as {@code location}
 *       (absolute) and {@code manifest} (its JSON as stored, docs/manifest-format.md);
 *   <li>{@code files}: every committed shard, absolute, in the order of {@code manifests} and of
 *       their {@code shards}: exactly the files that hold the checkpoint's rows.
 * </ul>
 */
final class CheckpointJson {
  private CheckpointJson() {}

  /** {@code checkpoint}, as JSON text. */
  static String render(StoredCheckpoint checkpoint) throws IOException {
    ObjectNode json = JsonDocument.JSON.createObjectNode();
    json.put("name", checkpoint.name());
    json.put("scope", checkpoint.scope().name());
    json.put("id", checkpoint.id());
    json.put("directory", checkpoint.directory());
    json.put("fileFormat", checkpoint.format().name());
    json.put("totalRows", checkpoint.rows());
    json.put("totalBytes", checkpoint.bytes());
    ArrayNode manifests = json.putArray("manifests");
    for (CommittedWrite write : checkpoint.writes()) {
      manifests
          .addObject()
          .put("location", write.manifestFile())
          .set("manifest", stored(write.manifestFile()));
    }
    ArrayNode files = json.putArray("files");
    checkpoint.shardFiles().forEach(files::add);
    return JsonDocument.JSON.writeValueAsString(json);
  }

  /**
   * The manifest's JSON exactly as stored, not as this version of the library would write it. A
   * manifest never changes once created, so this is the one just resolved.
   */
  private static JsonNode stored(String location) throws IOException {
    try (InputStream in =
        Channels.newInputStream(FileSystems.open(FileSystems.matchNewResource(location, false)))) {
      return JsonDocument.JSON.readTree(in);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new IOException(
          "Manifest " + location + " was deleted while it was shown: the checkpoint was"
              + " overwritten; run the command again",
          e);
    }
  }
}
