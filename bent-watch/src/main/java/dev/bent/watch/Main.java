package dev.bent.watch;

import dev.bent.cli.Bent;
import java.util.List;
import picocli.CommandLine;

/** The entry point of the executable jar that {@code bin/bent} runs: bent's whole command tree. */
public final class Main {
  private static final List<Class<?>> WATCH = List.of(WatchCommand.class);

  private Main() {}

  /** Bent's command tree ({@link Bent#commandLine}) with {@code watch} added. */
  public static CommandLine commandLine() {
    return Bent.commandLine(WATCH);
  }

  /** The tree that one run of {@code args} reaches ({@link Bent#commandLineFor}). */
  public static CommandLine commandLineFor(String... args) {
    return Bent.commandLineFor(args, WATCH);
  }

  public static void main(String[] args) {
    System.exit(commandLineFor(args).execute(args));
  }
}
