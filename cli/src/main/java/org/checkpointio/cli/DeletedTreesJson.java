package org.checkpointio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkpointio.CheckpointTree;
import org.checkpointio.DeletedTree;
import org.checkpointio.SweptTree;

/**
 * {@code checkpoint rm --json} and {@code checkpoint sweep --json}: {@code root}, then {@code
 * trees}, what was deleted (or, in a dry run, would be), one object per tree: {@code scope}, {@code
 * id}, {@code directory}, {@code files}, {@code bytes}, {@code newestFileModifiedAt}, and, for
 * what was deleted, {@code failures}: the files that could not be deleted.
 */
final class DeletedTreesJson {
  private final ObjectNode document;
  private final ArrayNode trees;

  DeletedTreesJson(String root) {
    document = JsonDocument.of(root);
    trees = JsonDocument.JSON.createArrayNode();
  }

  /** The document, for fields between {@code root} and {@code trees}. */
  ObjectNode document() {
    return document;
  }

  /** A tree as listed before the deletion and what the deletion did: the files it deleted. */
  void add(CheckpointTree listed, DeletedTree deleted) {
    ObjectNode node =
        JsonDocument.tree(
            trees.addObject(), listed.getScope(), listed.getId(), listed.getDirectory());
    node.put("files", deleted.getFilesDeleted());
    node.put("bytes", deleted.getBytesDeleted());
    node.put("newestFileModifiedAt", JsonDocument.time(listed.getNewestFileMillis()));
    node.put("failures", deleted.getFailures());
  }

  /**
   * A tree as listed just before the sweep deleted it (or, in a dry run, would have): the files it
   * held, and, once deleted, how many of them could not be (each also logged as a warning).
   */
  void add(SweptTree swept) {
    ObjectNode node =
        JsonDocument.tree(
            trees.addObject(), swept.getScope(), swept.getId(), swept.getDirectory());
    node.put("files", swept.getFiles());
    node.put("bytes", swept.getBytes());
    node.put("newestFileModifiedAt", JsonDocument.time(swept.getNewestFileMillis()));
    if (swept.isDeleted()) {
      node.put("failures", swept.getFailures());
    }
  }

  void print(PrintWriter out) throws JsonProcessingException {
    document.set("trees", trees);
    JsonDocument.print(out, document);
  }
}
