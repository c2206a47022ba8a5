package dev.bent.translate;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.List;

/**
 * The Envoy resources particular to one node; the egress clusters and routes every node shares
 * are in {@link SharedResources}.
 */
public record NodeResources(
    String node,
    Bootstrap bootstrap,
    List<Listener> listeners,
    List<Cluster> localClusters,
    RouteConfiguration ingressRoutes) {
  public NodeResources {
    listeners = List.copyOf(listeners);
    localClusters = List.copyOf(localClusters);
  }
}
