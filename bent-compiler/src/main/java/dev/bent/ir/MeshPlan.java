package dev.bent.ir;

import dev.bent.model.MeshSettings;
import java.util.List;

/**
 * The resolved mesh: defaults applied, references checked. The egress side (one cluster and one
 * virtual host per mesh service) is identical for every node and is kept once here.
 */
public record MeshPlan(
    MeshSettings settings,
    List<ClusterPlan> egressClusters,
    List<VirtualHostPlan> egressHosts,
    List<NodePlan> nodes) {
  public MeshPlan {
    egressClusters = List.copyOf(egressClusters);
    egressHosts = List.copyOf(egressHosts);
    nodes = List.copyOf(nodes);
  }
}
