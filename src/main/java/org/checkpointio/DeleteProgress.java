package org.checkpointio;

/**
 * Told after each batch of a tree deletion how far it got, so that a command line can show progress
 * on a tree of many files. Called on the deleting thread.
 */
@FunctionalInterface
public interface DeleteProgress {
  /** Reports nothing; what cleanup, the sweep and the launcher use inside pipelines. */
  DeleteProgress NONE = (directory, filesDone, filesTotal) -> {};

  /**
   * @param directory the tree being deleted
   * @param filesDone files handled so far (deleted, or failed and counted)
   * @param filesTotal files listed under the tree when the deletion started
   */
  void batchDone(String directory, long filesDone, long filesTotal);
}
