package org.checkpointio.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.util.ReleaseInfo;
import org.checkpointio.CheckpointIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code checkpoint}: lists, shows, deletes and sweeps the checkpoint trees under a root, with the
 * library's own layout, manifest and deletion code.
 *
 * <p>Exit codes: 0 done; 1 the operation failed or was not confirmed; 2 bad input (a missing or
 * malformed argument, an unknown root, an invalid id), reported in one line that says what to fix.
 */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    versionProvider = CheckpointCommand.Version.class,
    description = "Lists, shows, deletes and sweeps CheckpointIO checkpoints under a root.",
    subcommands = {ListTrees.class, ShowCheckpoint.class, RemoveTree.class, SweepTrees.class})
public final class CheckpointCommand implements Callable<Integer> {
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine commandLine = new CommandLine(new CheckpointCommand());
    commandLine.setParameterExceptionHandler(CheckpointCommand::badInput);
    commandLine.setExecutionExceptionHandler(
        (e, failed, parsed) -> {
          failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + describe(e));
          return FAILED;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing a command: use one of ls, show, rm, sweep");
  }

  /** One line: what was wrong and where help is. */
  private static int badInput(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    String command = failed.getCommandSpec().qualifiedName();
    PrintWriter err = failed.getErr();
    String message = e.getMessage().replaceFirst("^Error: ", "").replaceFirst("\\.$", "");
    err.println(command + ": " + message + " (see '" + command + " --help')");
    return BAD_INPUT;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }

  /** The library version, which is also this command's. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "checkpoint "
            + CheckpointIO.version()
            + " (Apache Beam "
            + ReleaseInfo.getReleaseInfo().getSdkVersion()
            + ")"
      };
    }
  }
}
