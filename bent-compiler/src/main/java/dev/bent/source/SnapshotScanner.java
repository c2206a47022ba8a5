package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.resolve.Resolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * One scan of a live source turned into a mesh snapshot, and its publication. The scanner loop of
 * {@code bent scan --watch} is these two steps every interval; two scanners may share a target.
 *
 * <p>Steps: (1) note the scan time, before the source is read, so that a slow scan is never taken
 * for a later one; (2) read the source; (3) pass the result through the {@link ScanFilter}
 * (a stabilizer may hold back a change that looks like a wrong scan); (4) check it as a compile would and
 * write it as a mesh file (same mesh, same bytes); (5) publish it to the {@link SnapshotTarget},
 * which writes only changed bytes and never replaces a later scan.
 */
public final class SnapshotScanner {
  private final MeshSource source;
  private final ScanFilter filter;
  private final Credentials credentials;
  private final Clock clock;

  /** A scan of what {@code source} holds, checked with {@code credentials} (gateway password files). */
  public SnapshotScanner(MeshSource source, ScanFilter filter, Credentials credentials, Clock clock) {
    this.source = source;
    this.filter = filter;
    this.credentials = credentials;
    this.clock = clock;
  }

  /** A scan's outcome: the mesh file's bytes, the scan time, and what was found, for logs. */
  public record Snapshot(byte[] content, Instant scanTime, Mesh mesh, Diagnostics diagnostics) {}

  /**
   * Steps 1 to 4: scans and returns the snapshot to publish.
   *
   * @throws IOException when the source cannot be read
   * @throws dev.bent.diag.InvalidInputException when the scan does not compile
   */
  public Snapshot scan() throws IOException {
    // Step 1.
    Instant scanTime = clock.instant();
    Diagnostics diagnostics = new Diagnostics();
    // Step 2.
    Mesh scanned = source.read(java.util.Set.of(), diagnostics);
    // Step 3: the hook where a filter (a stabilizer) may hold back a suspicious change.
    Mesh mesh = filter.apply(scanned, diagnostics);
    // Step 4.
    // Reasoning: a scan compiles no node; each task reads its own certificate files where it runs.
    Resolver.resolve(mesh, diagnostics, credentials, node -> false);
    diagnostics.throwIfErrors();
    byte[] content = MeshFileWriter.write(mesh, source.baseDirectory()).getBytes(StandardCharsets.UTF_8);
    return new Snapshot(content, scanTime, mesh, diagnostics);
  }

  /** Step 5: publishes {@code snapshot} to {@code target}. */
  public static SnapshotTarget.Publication publish(Snapshot snapshot, SnapshotTarget target) throws IOException {
    return target.publish(snapshot.content(), snapshot.scanTime());
  }
}
