package dev.bent.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * bent produced something it must not write: a bug in bent, not in the input. Callers list the
 * problems and exit with code 4; nothing is written.
 */
public final class InternalException extends RuntimeException {
  private final transient List<Diagnostic> diagnostics;

  public InternalException(List<Diagnostic> diagnostics) {
    super(
        "bent generated configuration that Envoy would reject (this is a bug in bent):\n"
            + diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
