package org.checkpointio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.checkpointio.cleanup.DeletedTree;
import org.checkpointio.cleanup.SweptTree;

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
  void add(SweptTree listed, DeletedTree deleted) {
    ObjectNode node = JsonDocument.tree(trees.addObject(), listed);
    node.put("files", deleted.filesDeleted());
    node.put("bytes", deleted.bytesDeleted());
    node.put("newestFileModifiedAt", JsonDocument.time(listed.newestFileMillis()));
    node.put("failures", deleted.failures());
  }

  /**
   * A tree as listed just before the sweep deleted it (or, in a dry run, would have): the files it
   * held, and, once deleted, how many of them could not be (each also logged as a warning).
   */
  void add(SweptTree swept) {
    ObjectNode node = JsonDocument.tree(trees.addObject(), swept);
    node.put("files", swept.files());
    node.put("bytes", swept.bytes());
    node.put("newestFileModifiedAt", JsonDocument.time(swept.newestFileMillis()));
    if (swept.deleted()) {
      node.put("failures", swept.failures());
    }
  }

  void print(PrintWriter out) throws JsonProcessingException {
    document.set("trees", trees);
    JsonDocument.print(out, document);
  }
}
