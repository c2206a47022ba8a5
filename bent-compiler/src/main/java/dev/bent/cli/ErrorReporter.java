package dev.bent.cli;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.InternalException;
import dev.bent.diag.InvalidInputException;
import dev.bent.diag.IoFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one place that turns exceptions into messages and exit codes: user mistakes print their
 * diagnostics (exit 2), I/O problems one line (exit 1), and only bugs print a stack trace (exit 4).
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    int code = report(e, err, !(commandLine.getCommand() instanceof WritesNothing));
    err.flush();
    return code;
  }

  static int report(Throwable e, PrintWriter err) {
    return report(e, err, true);
  }

  /** {@code writes}: whether the command writes output, so that its errors say nothing was written. */
  static int report(Throwable e, PrintWriter err, boolean writes) {
    if (e instanceof InvalidInputException invalid) {
      invalid.diagnostics().forEach(d -> err.println(d));
      long errors = invalid.errorCount();
      err.println("bent: " + errors + (errors == 1 ? " error" : " errors") + (writes ? "; nothing was written" : ""));
      return ExitCode.INVALID;
    }
    if (e instanceof InternalException internal) {
      err.println("bent: internal error: the generated configuration is invalid"
          + (writes ? "; nothing was written." : "."));
      internal.diagnostics().forEach(d -> err.println(d));
      err.println("bent: this is a bug in bent; please report it with the mesh that caused it.");
      return ExitCode.INTERNAL;
    }
    if (e instanceof UncheckedIOException io) {
      return report(io.getCause(), err, writes);
    }
    if (e instanceof IOException io) {
      err.println("bent: " + IoFailure.describe(io));
      return ExitCode.IO;
    }
    err.println("bent: internal error (a bug in bent; please report it):");
    e.printStackTrace(err);
    return ExitCode.INTERNAL;
  }

  /** Prints warnings the way errors are printed. */
  static void warnings(Iterable<Diagnostic> warnings, PrintWriter err) {
    warnings.forEach(err::println);
  }
}
