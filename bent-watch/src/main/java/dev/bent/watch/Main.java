package dev.bent.watch;

import dev.bent.cli.Bent;
import picocli.CommandLine;

/** The entry point of the executable jar that {@code bin/bent} runs: bent's whole command tree. */
public final class Main {
  private Main() {}

  /** Bent's command tree ({@link Bent#commandLine}) with {@code watch} added. */
  public static CommandLine commandLine() {
    CommandLine cli = Bent.commandLine();
    cli.addSubcommand(new WatchCommand());
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
