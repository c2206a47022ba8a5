package dev.bent.translate;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Envoy resources particular to one node (its route configurations: ingress, gateway); the
 * egress clusters and routes every node shares are in {@link SharedResources}.
 */
public record NodeResources(
    String node,
    Bootstrap bootstrap,
    List<Listener> listeners,
    List<Cluster> localClusters,
    List<RouteConfiguration> routes) {
  public static final String LDS = "lds.yaml";
  public static final String CDS = "cds.yaml";

  public NodeResources {
    listeners = List.copyOf(listeners);
    localClusters = List.copyOf(localClusters);
    routes = List.copyOf(routes);
  }

  /**
   * The node's filesystem-xDS files, by path relative to the node directory, with the resources
   * each holds: LDS, CDS (the shared egress clusters, then the local ones) and one RDS file per
   * route configuration, named after it.
   */
  public SortedMap<String, List<Message>> dynamicFiles(SharedResources shared) {
    SortedMap<String, List<Message>> files = new TreeMap<>();
    files.put(LDS, List.copyOf(listeners));
    List<Message> clusters = new ArrayList<>(shared.egressClusters());
    clusters.addAll(localClusters);
    files.put(CDS, clusters);
    files.put(rdsFile(shared.egressRoutes().getName()), List.of(shared.egressRoutes()));
    routes.forEach(r -> files.put(rdsFile(r.getName()), List.of(r)));
    return files;
  }

  /** The path of the RDS file of the route configuration {@code name}. */
  public static String rdsFile(String name) {
    return "rds/" + name + ".yaml";
  }
}
