package dev.bent.cli;

/** The exit codes of every bent command. */
public final class ExitCode {
  public static final int OK = 0;
  /** I/O or environment: a file could not be written, a service could not be reached. */
  public static final int IO = 1;
  /**
   * {@code bent validate} and {@code bent flatten}: the Envoy configuration is invalid or cannot be
   * read. Reasoning: it shares the value of {@link #IO} because for these commands the files checked
   * are the environment, while 2 stays what it is everywhere, a mistake on the command line.
   */
  public static final int REJECTED = 1;
  /** Invalid input or usage: the user's mistake, reported with its place. */
  public static final int INVALID = 2;
  /** The compiled output differs from the golden files. */
  public static final int DIFFERS = 3;
  /** A bug in bent: it produced something it must not write. */
  public static final int INTERNAL = 4;

  private ExitCode() {}
}
