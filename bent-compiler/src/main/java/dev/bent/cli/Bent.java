package dev.bent.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code bent} command: the root of the command tree. {@link #commandLine} builds the whole
 * tree with the shared exception mapping, {@link #commandLineFor} only what one run reaches;
 * other modules pass their subcommands to either.
 */
@Command(
    name = "bent",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = VersionProvider.class,
    description = "Compiles a service-mesh description into Envoy configuration that Envoy runs from.")
public final class Bent implements Runnable {
  /** bent's own subcommands, in the order that {@code bent --help} lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      CompileCommand.class,
      ScanCommand.class,
      ExplainCommand.class,
      SchemaCommand.class,
      CheckCommand.class,
      UpdateCommand.class,
      ValidateCommand.class,
      FlattenCommand.class,
      CaCommand.class,
      CommandLine.HelpCommand.class);

  @CommandLine.Spec CommandSpec spec;

  /** The whole command tree, ready to {@code execute}; exit codes as in {@link ExitCode}. */
  public static CommandLine commandLine() {
    return commandLine(List.of());
  }

  /** The whole command tree with {@code extra} subcommands listed after bent's own. */
  public static CommandLine commandLine(List<Class<?>> extra) {
    return withSubcommands(new CommandLine(new Bent()), all(extra));
  }

  /**
   * The command tree for one run of {@code args}: it parses, executes and reports them exactly as
   * the whole tree does, but holds only the subcommand that the first argument names, or none
   * when the only argument asks for the version. Anything else (no command, {@code --help}, the
   * {@code help} command, a misspelt command) gets the whole tree, which it lists or suggests from.
   *
   * <p>Reasoning: picocli builds a command's model by reflection over its annotated fields, and a
   * one-node compile has no use for the other nine commands' models; building them was about a
   * tenth of its run.
   */
  public static CommandLine commandLineFor(String[] args, List<Class<?>> extra) {
    CommandLine root = new CommandLine(new Bent());
    return withSubcommands(root, reached(root.getCommandSpec(), args, all(extra)));
  }

  public static void main(String[] args) {
    System.exit(commandLineFor(args, List.of()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  private static List<Class<?>> all(List<Class<?>> extra) {
    List<Class<?>> all = new ArrayList<>(SUBCOMMANDS);
    all.addAll(extra);
    return all;
  }

  /** Of {@code all}, the subcommands that a run of {@code args} can reach. */
  private static List<Class<?>> reached(CommandSpec root, String[] args, List<Class<?>> all) {
    if (args.length == 0) {
      return all;
    }
    OptionSpec option = root.findOption(args[0]);
    if (args.length == 1 && option != null && option.versionHelp()) {
      return List.of();
    }
    for (Class<?> command : all) {
      if (args[0].equals(command.getAnnotation(Command.class).name())
          && !CommandLine.IHelpCommandInitializable2.class.isAssignableFrom(command)) {
        return List.of(command);
      }
    }
    return all;
  }

  private static CommandLine withSubcommands(CommandLine cli, List<Class<?>> subcommands) {
    for (Class<?> subcommand : subcommands) {
      cli.addSubcommand(subcommand);
    }
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(Bent::usageError);
    CommandLine scan = cli.getSubcommands().get("scan");
    if (scan != null) {
      ScanCommand.liveSourcesOnly(scan.getCommandSpec());
    }
    return cli;
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
