package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;

/**
 * A filter between a scanner's scan and its publication, for example a stabilizer that holds
 * back changes that look like a wrong scan rather than a changed fleet; it returns the mesh to
 * publish. It is called once per scan, in order, and may keep state between calls.
 */
@FunctionalInterface
public interface ScanFilter {

  /** The mesh to publish for {@code scanned}; problems it finds go to {@code diagnostics}. */
  Mesh apply(Mesh scanned, Diagnostics diagnostics);

  /** Publishes every scan as it is. */
  static ScanFilter none() {
    return (scanned, diagnostics) -> scanned;
  }
}
