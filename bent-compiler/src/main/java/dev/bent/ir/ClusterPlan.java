package dev.bent.ir;

import java.util.List;
import java.util.Optional;

/**
 * An upstream cluster with its endpoints inline and its policies: the egress cluster of a mesh
 * service (its endpoints are sidecars) or the local cluster of a node (its application).
 */
public record ClusterPlan(
    String name,
    List<EndpointPlan> endpoints,
    Optional<HealthCheckPlan> healthCheck,
    Optional<CircuitBreakerPlan> circuitBreaker,
    Optional<OutlierPlan> outlier) {
  public ClusterPlan {
    endpoints = List.copyOf(endpoints);
  }

  /** A cluster with endpoints and no policy. */
  public static ClusterPlan of(String name, List<EndpointPlan> endpoints) {
    return new ClusterPlan(name, endpoints, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** True when every endpoint is an IP literal, so the cluster can be STATIC. */
  public boolean isStatic() {
    return endpoints.stream().allMatch(EndpointPlan::isIpLiteral);
  }
}
