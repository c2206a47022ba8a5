package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;

/**
 * A filter between a scan and its publication: it may hold back changes that look like a wrong
 * scan rather than a changed fleet, and returns the mesh to publish. It is called once per scan,
 * in order, and may keep state between calls.
 */
@FunctionalInterface
public interface ScanStabilizer {

  /** The mesh to publish for {@code scanned}; problems it finds go to {@code diagnostics}. */
  Mesh stabilize(Mesh scanned, Diagnostics diagnostics);

  /** Publishes every scan as it is. */
  static ScanStabilizer none() {
    return (scanned, diagnostics) -> scanned;
  }
}
