package dev.bent.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code bent} command: the root of the command tree. {@link #commandLine} builds it with the
 * shared exception mapping; other modules add their subcommands to what it returns.
 */
@Command(
    name = "bent",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Compiles a service-mesh description into Envoy configuration that Envoy runs from.",
    subcommands = {
      CompileCommand.class,
      ScanCommand.class,
      ExplainCommand.class,
      SchemaCommand.class,
      CheckCommand.class,
      UpdateCommand.class,
      ValidateCommand.class,
      FlattenCommand.class,
      CaCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Bent implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The command tree, ready to {@code execute}; exit codes as in {@link ExitCode}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Bent());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(Bent::usageError);
    ScanCommand.liveSourcesOnly(cli.getSubcommands().get("scan").getCommandSpec());
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    cli.getErr().println("bent: " + e.getMessage());
    String name = cli.getCommandSpec().qualifiedName();
    cli.getErr().println("Run '" + name + " --help' for usage.");
    cli.getErr().flush();
    return ExitCode.INVALID;
  }
}
