package dev.bent.ir;

import dev.bent.model.MeshSettings;
import java.util.List;
import java.util.Map;

/**
 * The resolved mesh: defaults applied, references checked. The egress side (one cluster and one
 * virtual host per mesh service) is identical for every node and is kept once here, with the
 * effective policy of each service and where each value came from.
 */
public record MeshPlan(
    MeshSettings settings,
    List<ClusterPlan> egressClusters,
    List<VirtualHostPlan> egressHosts,
    List<NodePlan> nodes,
    Map<String, List<PolicyValue>> policies,
    java.util.Optional<TlsPlan> tls) {
  public MeshPlan {
    egressClusters = List.copyOf(egressClusters);
    egressHosts = List.copyOf(egressHosts);
    nodes = List.copyOf(nodes);
    policies = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(policies));
  }

  /** A plan without TLS between sidecars. */
  public MeshPlan(
      MeshSettings settings,
      List<ClusterPlan> egressClusters,
      List<VirtualHostPlan> egressHosts,
      List<NodePlan> nodes,
      Map<String, List<PolicyValue>> policies) {
    this(settings, egressClusters, egressHosts, nodes, policies, java.util.Optional.empty());
  }
}
