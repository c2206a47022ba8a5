package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;
import java.util.Optional;

/**
 * A service as declared in one place: under {@code services:} (its endpoints are sidecars) or
 * under a node (its endpoints are the application the node's sidecar fronts).
 *
 * <pre>{@code
 * - name: beta.svc
 *   annotations: {healthcheck.path: /healthz}
 *   endpoints: [{address: 10.123.0.23, port: 3000}]
 * }</pre>
 *
 * <p>{@code routes} is present when the entry has a {@code routes:} key (see {@link RouteEntry});
 * a service with routes and no endpoints anywhere is a virtual service.
 */
public record ServiceEntry(
    String name,
    List<Annotation> annotations,
    List<EndpointEntry> endpoints,
    Optional<List<RouteEntry>> routes,
    Location location) {
  public ServiceEntry {
    annotations = List.copyOf(annotations);
    endpoints = List.copyOf(endpoints);
    routes = routes.map(List::copyOf);
  }

  /** A service without routes. */
  public ServiceEntry(
      String name, List<Annotation> annotations, List<EndpointEntry> endpoints, Location location) {
    this(name, annotations, endpoints, Optional.empty(), location);
  }
}
