package dev.bent.watch;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import java.io.Closeable;
import java.io.IOException;

/**
 * Where watch mode gets its mesh, and how it learns that the mesh may have changed: the file
 * source watches a file; a polling source (ECS) would scan on an interval.
 *
 * <p>The watch loop calls {@link #read} once at start and again each time {@link #awaitChange}
 * returns true. {@link #close} may be called from another thread to stop a waiting loop.
 */
public interface WatchedSource extends Closeable {

  /** How log lines name this source, for example the mesh file's path. */
  String name();

  /** Where relative paths in the mesh (htpasswd files) are read from, and the environment. */
  Credentials credentials();

  /**
   * Reads the mesh as it is now. Problems with its content (bad YAML, a missing file) go to
   * {@code diagnostics} with their place; the caller decides whether to go on.
   *
   * @throws IOException when the source itself cannot be reached (an API that does not answer)
   */
  Mesh read(Diagnostics diagnostics) throws IOException;

  /**
   * Blocks until the mesh may differ from what {@link #read} last returned, after any burst of
   * changes has settled.
   *
   * @return true to read again; false once the source is closed
   */
  boolean awaitChange() throws IOException, InterruptedException;

  /**
   * The scan valve's counters (see {@code ScanStabilizer}): scans in which vanished tasks were
   * held back, and how many are held now; zeros for a source without one.
   */
  default Valve valve() {
    return new Valve(0, 0);
  }

  /** Scans that held vanished tasks back, and the tasks held at the latest scan. */
  record Valve(long heldScans, int heldNodes) {}
}
