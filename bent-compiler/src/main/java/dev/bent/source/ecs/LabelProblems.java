package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;

/**
 * Reports a bad docker label: a warning that says the label is ignored, or with {@code --strict}
 * an error that fails the scan.
 */
final class LabelProblems {
  private final Diagnostics diagnostics;
  private final boolean strict;

  LabelProblems(Diagnostics diagnostics, boolean strict) {
    this.diagnostics = diagnostics;
    this.strict = strict;
  }

  /** The place of a label: the task definition, the container that carries it, and the key. */
  static Location at(String definitionArn, String container, String label) {
    return Location.of(definitionArn + " container " + container + " label " + label);
  }

  void report(Location location, String problem) {
    if (strict) {
      diagnostics.error(location, problem);
    } else {
      diagnostics.warning(location, problem + "; the label is ignored");
    }
  }
}
