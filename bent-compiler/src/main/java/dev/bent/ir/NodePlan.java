package dev.bent.ir;

import java.util.List;
import java.util.Optional;

/**
 * What is particular to one node: the local clusters of the services it fronts, the ingress
 * virtual hosts that route to them, the health-check caches of those services, and the gateway
 * listener if the node is a front proxy. What every node shares is in {@link MeshPlan}.
 */
public record NodePlan(
    String name,
    List<ClusterPlan> localClusters,
    List<VirtualHostPlan> ingressHosts,
    List<HealthCachePlan> healthCaches,
    Optional<GatewayPlan> gateway) {
  public NodePlan {
    localClusters = List.copyOf(localClusters);
    ingressHosts = List.copyOf(ingressHosts);
    healthCaches = List.copyOf(healthCaches);
  }
}
