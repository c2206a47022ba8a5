package dev.bent.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The input cannot be compiled: it carries every diagnostic found (errors and warnings), each with
 * its place. Callers print them and exit with code 2; it is a user mistake, never a bug.
 */
public final class InvalidInputException extends RuntimeException {
  private final transient List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public static InvalidInputException of(Location location, String message) {
    return new InvalidInputException(List.of(Diagnostic.error(location, message)));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }
}
