package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;

/**
 * One sidecar Envoy and the services it fronts; a node with no services still gets the egress side.
 *
 * <pre>{@code
 * nodes:
 *   alpha:            # no local services
 *   beta:
 *   - name: beta.svc
 *     endpoints: [{address: 10.123.0.23, port: 3000}]
 * }</pre>
 */
public record NodeEntry(String name, List<ServiceEntry> services, Location location) {
  public NodeEntry {
    services = List.copyOf(services);
  }
}
