package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.Mesh;
import dev.bent.model.ServiceEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges a mesh file's mesh-wide settings and its services' annotations and routes into a live
 * scan ({@code --overlay FILE}); the scan keeps its nodes and endpoints.
 *
 * <pre>{@code
 * mesh:                                # replaces the scan's defaults
 *   tracing: {zipkin: {address: jaeger}}
 * services:
 * - name: reviews.svc                  # routes and annotations only; no endpoints
 *   routes: [{match: {prefix: /}, to: reviews-v1.svc}]
 * }</pre>
 *
 * <p>Reasoning, conflicts: when a label and the overlay set one annotation of a service to
 * different values, the overlay (the operator's file) wins, every time, with a warning naming both
 * places; under {@code --strict} it is an error, like other label problems. One team's label must
 * not stop every task's init container.
 */
public final class MeshOverlay {
  private static final String SPLIT_OF = dev.bent.resolve.AnnotationKey.SPLIT_OF.key();
  private final Diagnostics diagnostics;
  private final boolean strict;

  private MeshOverlay(Diagnostics diagnostics, boolean strict) {
    this.diagnostics = diagnostics;
    this.strict = strict;
  }

  /** A source that reads {@code scan} and applies the overlay file, reread on every call. */
  public static MeshSource over(MeshSource scan, Path overlayFile, boolean strict) {
    return new Source(scan, overlayFile, strict);
  }

  /** {@code scan} with {@code overlay} merged in. */
  public static Mesh apply(Mesh scan, Mesh overlay, boolean strict, Diagnostics diagnostics) {
    return new MeshOverlay(diagnostics, strict).merge(scan, overlay);
  }

  private Mesh merge(Mesh scan, Mesh overlay) {
    Set<String> routed = new java.util.TreeSet<>();
    overlay.services().stream().filter(s -> s.routes().isPresent()).forEach(s -> routed.add(s.name()));
    Map<String, ServiceEntry> services = new TreeMap<>();
    scan.services().forEach(s -> services.put(s.name(), withoutSplitsOf(s, routed, overlay)));
    for (ServiceEntry added : overlay.services()) {
      ServiceEntry scanned = services.get(added.name());
      services.put(added.name(), scanned == null ? added : merge(scanned, added));
    }
    return new Mesh(scan.origin() + " with overlay " + overlay.origin(), overlay.settings(),
        List.copyOf(services.values()), scan.nodes());
  }

  private ServiceEntry merge(ServiceEntry scanned, ServiceEntry added) {
    Map<String, Annotation> annotations = new LinkedHashMap<>();
    scanned.annotations().forEach(a -> annotations.put(a.key(), a));
    for (Annotation a : added.annotations()) {
      Annotation label = annotations.put(a.key(), a);
      if (label != null && !label.value().equals(a.value())) {
        report(a.location(), "annotation \"" + a.key() + "\" of service \"" + added.name() + "\" is \"" + a.value()
            + "\" here but \"" + label.value() + "\" at " + label.location() + "; the overlay's value is used");
      }
    }
    List<Annotation> merged = new ArrayList<>(annotations.values());
    return new ServiceEntry(added.name(), merged, scanned.endpoints(),
        added.routes().isPresent() ? added.routes() : scanned.routes(), added.location());
  }

  /**
   * Drops the {@code split-of} labels of {@code service} that name a service the overlay gives
   * routes: the overlay's routes win.
   */
  private ServiceEntry withoutSplitsOf(ServiceEntry service, Set<String> routed, Mesh overlay) {
    List<Annotation> kept = new ArrayList<>();
    for (Annotation a : service.annotations()) {
      String virtual = a.key().equals(SPLIT_OF) ? a.value().split("=", 2)[0].trim() : "";
      if (routed.contains(virtual)) {
        Location routes = overlay.services().stream().filter(s -> s.name().equals(virtual)).findFirst()
            .orElseThrow().location();
        report(a.location(), "split-of \"" + a.value() + "\" of service \"" + service.name() + "\" is ignored: the"
            + " overlay gives \"" + virtual + "\" routes at " + routes + ", and the overlay wins");
      } else {
        kept.add(a);
      }
    }
    return kept.size() == service.annotations().size() ? service
        : new ServiceEntry(service.name(), kept, service.endpoints(), service.routes(), service.location());
  }

  private void report(Location at, String message) {
    if (strict) {
      diagnostics.error(at, message);
    } else {
      diagnostics.warning(at, message);
    }
  }

  /** The scan with the overlay applied; relative paths in the overlay start at its directory. */
  private record Source(MeshSource scan, Path overlayFile, boolean strict) implements MeshSource, AutoCloseable {
    @Override
    public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException {
      Mesh scanned = scan.read(wantedNodes, diagnostics);
      Mesh overlay = MeshFileReader.readOverlay(overlayFile, diagnostics);
      return apply(scanned, overlay, strict, diagnostics);
    }

    @Override
    public MeshSource underlying() {
      return scan.underlying();
    }

    @Override
    public Path baseDirectory() {
      Path parent = overlayFile.toAbsolutePath().getParent();
      return parent == null ? Path.of(".") : parent;
    }

    @Override
    public void close() throws Exception {
      if (scan instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }
}
