package org.checkpointio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.checkpointio.layout.CheckpointPaths;
import org.checkpointio.manifest.CommittedManifests;
import org.checkpointio.manifest.Manifest;
import org.checkpointio.manifest.ShardFile;

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

  /** The checkpoint of {@code paths} made of {@code live} (never empty), as JSON text. */
  static String render(CheckpointPaths paths, List<Manifest> live) throws IOException {
    ObjectNode json = JsonDocument.JSON.createObjectNode();
    json.put("name", paths.name());
    json.put("scope", paths.tree().scope().name());
    json.put("id", paths.tree().id());
    json.put("directory", paths.directory().toString());
    json.put("fileFormat", live.get(0).fileFormat().name());
    json.put("totalRows", live.stream().mapToLong(Manifest::totalRows).sum());
    json.put("totalBytes", live.stream().mapToLong(Manifest::totalBytes).sum());
    ArrayNode manifests = json.putArray("manifests");
    ArrayNode files = json.putArray("files");
    for (Manifest manifest : live) {
      ResourceId location = CommittedManifests.location(paths, manifest);
      manifests
          .addObject()
          .put("location", location.toString())
          .set("manifest", stored(location));
      for (ShardFile shard : manifest.shards()) {
        files.add(paths.file(shard.fileName()).toString());
      }
    }
    return JsonDocument.JSON.writeValueAsString(json);
  }

  /**
   * The manifest's JSON exactly as stored, not as this version of the library would write it. A
   * manifest never changes once created, so this is the one just resolved.
   */
  private static JsonNode stored(ResourceId location) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(location))) {
      return JsonDocument.JSON.readTree(in);
    } catch (FileNotFoundException | NoSuchFileException e) {
      throw new IOException(
          "Manifest " + location + " was deleted while it was shown: the checkpoint was"
              + " overwritten; run the command again",
          e);
    }
  }
}
