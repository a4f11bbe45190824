package org.checkpointio.cli;

import org.checkpointio.CheckpointScope;
import org.checkpointio.CheckpointStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Exactly one of {@code --run ID} or {@code --correlation ID}: which tree a command acts on. */
final class ScopeOption {
  /**
   * The picocli group; commands declare it as {@code @ArgGroup(exclusive = true, multiplicity =
   * "1")}.
   */
  static final class Choice {
    @Option(names = "--run", paramLabel = "ID", required = true, description = "A run id.")
    String runId;

    @Option(
        names = "--correlation",
        paramLabel = "ID",
        required = true,
        description = "A correlation id (shared by every attempt of one workflow run).")
    String correlationId;
  }

  private ScopeOption() {}

  static CheckpointScope scope(Choice choice) {
    return choice.runId != null ? CheckpointScope.RUN : CheckpointScope.CORRELATION;
  }

  static String id(Choice choice) {
    return choice.runId != null ? choice.runId : choice.correlationId;
  }

  /**
   * Checks that the chosen id can name a tree in {@code store}.
   *
   * @throws ParameterException if the id cannot be a path segment (the library says why)
   */
  static void check(CommandSpec command, CheckpointStore store, Choice choice) {
    try {
      store.treeDirectory(scope(choice), id(choice));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage());
    }
  }

  /** How output names a tree: {@code run 'id'} or {@code correlation 'id'}. */
  static String label(CheckpointScope scope, String id) {
    return (scope == CheckpointScope.RUN ? "run" : "correlation") + " '" + id + "'";
  }
}
