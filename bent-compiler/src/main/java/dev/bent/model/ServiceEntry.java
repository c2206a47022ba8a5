package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;

/**
 * A service as declared in one place: under {@code services:} (its endpoints are sidecars) or
 * under a node (its endpoints are the application the node's sidecar fronts).
 *
 * <pre>{@code
 * - name: beta.svc
 *   annotations: {healthcheck.path: /healthz}
 *   endpoints: [{address: 10.123.0.23, port: 3000}]
 * }</pre>
 */
public record ServiceEntry(
    String name, List<Annotation> annotations, List<EndpointEntry> endpoints, Location location) {
  public ServiceEntry {
    annotations = List.copyOf(annotations);
    endpoints = List.copyOf(endpoints);
  }
}
