package dev.bent.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A collector of diagnostics: every step reports all the problems it finds into one of these
 * instead of stopping at the first, and the caller decides afterwards whether to go on.
 */
public final class Diagnostics {
  private final List<Diagnostic> items = new ArrayList<>();

  public void error(Location location, String message) {
    items.add(Diagnostic.error(location, message));
  }

  public void warning(Location location, String message) {
    items.add(Diagnostic.warning(location, message));
  }

  public void add(Diagnostic diagnostic) {
    items.add(diagnostic);
  }

  public void addAll(Diagnostics other) {
    items.addAll(other.items);
  }

  /** How many errors were reported so far. */
  public long errorCount() {
    return items.stream().filter(Diagnostic::isError).count();
  }

  public boolean hasErrors() {
    return items.stream().anyMatch(Diagnostic::isError);
  }

  /** The diagnostics in the order of their place in the input, then of reporting. */
  public List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparing((Diagnostic d) -> d.location().origin())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column()));
    return copy;
  }

  public List<Diagnostic> warnings() {
    return sorted().stream().filter(d -> !d.isError()).toList();
  }

  /**
   * Throws {@link InvalidInputException} carrying every error when there is one. Reasoning:
   * warnings are left out then, because with an error in the input they are mostly its echo (an
   * endpoint that could not be read leaves its service with none); they show once the errors are
   * fixed.
   */
  public void throwIfErrors() {
    if (hasErrors()) {
      throw new InvalidInputException(sorted().stream().filter(Diagnostic::isError).toList());
    }
  }
}
