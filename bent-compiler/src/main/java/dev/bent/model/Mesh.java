package dev.bent.model;

import java.util.List;

/**
 * A mesh description exactly as the user wrote it (file or ECS scan), every element with its
 * place; nothing is defaulted or cross-checked yet, that is the resolver's job.
 *
 * <pre>{@code
 * services:                  # optional: sidecar endpoints of a service, when not derived from nodes
 * - name: beta.svc
 *   endpoints: [{address: 10.123.0.22, port: 4100}]
 * nodes:
 *   beta:
 *   - name: beta.svc
 *     endpoints: [{address: 10.123.0.23, port: 3000}]
 * }</pre>
 */
public record Mesh(
    String origin, MeshSettings settings, List<ServiceEntry> services, List<NodeEntry> nodes) {
  public Mesh {
    services = List.copyOf(services);
    nodes = List.copyOf(nodes);
  }
}
