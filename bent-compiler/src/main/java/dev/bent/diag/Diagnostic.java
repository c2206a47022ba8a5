package dev.bent.diag;

/**
 * One problem found in the input or the output: where it is, how bad, and why.
 *
 * <p>Rendered compiler-style: {@code mesh.yaml:14:7: error: endpoint.weight must be at least 1, got 0}.
 */
public record Diagnostic(Severity severity, Location location, String message) {

  /** A long value quoted in {@code message} is shortened, so that no message repeats a megabyte. */
  public Diagnostic {
    message = dev.bent.value.Texts.shortenWords(message);
  }

  /** How bad a diagnostic is; only errors stop a compile. */
  public enum Severity {
    ERROR,
    WARNING;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public static Diagnostic error(Location location, String message) {
    return new Diagnostic(Severity.ERROR, location, message);
  }

  public static Diagnostic warning(Location location, String message) {
    return new Diagnostic(Severity.WARNING, location, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return location + ": " + severity.label() + ": " + message;
  }
}
