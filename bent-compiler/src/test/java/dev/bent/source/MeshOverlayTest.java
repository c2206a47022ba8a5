package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay source that compile, scan and watch open for --source ecs --overlay FILE. */
class MeshOverlayTest {
  @TempDir Path dir;

  /** A live source stand-in: one node serving a.svc, and whether it was closed. */
  private static final class Scan implements MeshSource, AutoCloseable {
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) {
      Location at = Location.of("task/t1");
      return new Mesh("scan", MeshSettings.defaults(at), List.of(), List.of(new NodeEntry("t1",
          List.of(new ServiceEntry("a.svc", List.of(), List.of(new EndpointEntry("10.0.0.1", 80, List.of(), at)), at)),
          at)));
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void theOverlayIsReadAgainOnEveryScanSoWatchSeesItsEdits() throws Exception {
    Path overlay = dir.resolve("overlay.yaml");
    Files.writeString(overlay, "mesh:\n  ports: {egress: 15001}\n");
    Scan scan = new Scan();
    MeshSource source = MeshOverlay.over(scan, overlay, false);
    Diagnostics diagnostics = new Diagnostics();
    assertEquals(15001, source.read(Set.of(), diagnostics).settings().ports().egress());
    Files.writeString(overlay, "mesh:\n  ports: {egress: 15002}\nservices:\n- name: a.svc\n  annotations: {timeout: 2s}\n");
    Mesh second = source.read(Set.of(), diagnostics);
    assertEquals(15002, second.settings().ports().egress());
    assertEquals("timeout", second.services().get(0).annotations().get(0).key());
    assertEquals("t1", second.nodes().get(0).name(), "the scan keeps its nodes");
    assertEquals(dir.toAbsolutePath(), source.baseDirectory());
    ((AutoCloseable) source).close();
    assertTrue(scan.closed.get(), "closing the overlay source closes the scan's client");
    assertTrue(!diagnostics.hasErrors(), diagnostics.sorted().toString());
  }
}
