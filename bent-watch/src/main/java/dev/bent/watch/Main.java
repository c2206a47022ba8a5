package dev.bent.watch;

import dev.bent.cli.Bent;

/** The entry point of the executable jar that {@code bin/bent} runs: bent's whole command tree. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Bent.commandLine().execute(args));
  }
}
