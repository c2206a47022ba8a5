package dev.bent.translate;

import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.List;

/** The egress side, identical on every node: one cluster and one virtual host per mesh service. */
public record SharedResources(List<Cluster> egressClusters, RouteConfiguration egressRoutes) {
  public SharedResources {
    egressClusters = List.copyOf(egressClusters);
  }
}
