package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;

/**
 * An address and port that serves a service, with optional per-endpoint annotations.
 *
 * <pre>{@code
 * - address: 10.123.0.21
 *   port: 3000
 *   annotations: {endpoint.weight: 95}
 * }</pre>
 */
public record EndpointEntry(
    String address, int port, List<Annotation> annotations, Location location) {
  public EndpointEntry {
    annotations = List.copyOf(annotations);
  }
}
