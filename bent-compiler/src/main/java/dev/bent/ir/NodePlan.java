package dev.bent.ir;

import java.util.List;

/**
 * What is particular to one node: its name, the local clusters of the services it fronts and the
 * ingress virtual hosts that route to them. What every node shares is in {@link MeshPlan}.
 */
public record NodePlan(String name, List<ClusterPlan> localClusters, List<VirtualHostPlan> ingressHosts) {
  public NodePlan {
    localClusters = List.copyOf(localClusters);
    ingressHosts = List.copyOf(ingressHosts);
  }
}
