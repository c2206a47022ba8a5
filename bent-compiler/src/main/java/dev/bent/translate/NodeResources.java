package dev.bent.translate;

import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import dev.bent.ir.PemFile;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Envoy resources particular to one node (its route configurations: ingress, gateway); the
 * egress clusters and routes every node shares are in {@link SharedResources}. With mesh TLS a
 * node also has its own egress clusters, its secrets, and the PEM files those name.
 */
public record NodeResources(
    String node,
    Bootstrap bootstrap,
    List<Listener> listeners,
    List<Cluster> localClusters,
    List<RouteConfiguration> routes,
    List<Cluster> ownEgressClusters,
    List<Secret> secrets,
    SortedMap<String, PemFile> pemFiles) {
  public static final String LDS = "lds.yaml";
  public static final String CDS = "cds.yaml";

  public NodeResources {
    listeners = List.copyOf(listeners);
    localClusters = List.copyOf(localClusters);
    routes = List.copyOf(routes);
    ownEgressClusters = List.copyOf(ownEgressClusters);
    secrets = List.copyOf(secrets);
    pemFiles = Collections.unmodifiableSortedMap(new TreeMap<>(pemFiles));
  }

  /** A node without TLS: its egress clusters are the shared ones, and it has no secrets. */
  public NodeResources(
      String node,
      Bootstrap bootstrap,
      List<Listener> listeners,
      List<Cluster> localClusters,
      List<RouteConfiguration> routes) {
    this(node, bootstrap, listeners, localClusters, routes, List.of(), List.of(), new TreeMap<>());
  }

  /**
   * The egress clusters in this node's CDS file: its own when it has them (with TLS they carry the
   * node's secrets, so they differ by node), otherwise the shared ones.
   */
  public List<Cluster> egressClusters(SharedResources shared) {
    return ownEgressClusters.isEmpty() ? shared.egressClusters() : ownEgressClusters;
  }

  /**
   * The node's filesystem-xDS files, by path relative to the node directory, with the resources
   * each holds: LDS, CDS (the shared egress clusters, then the local ones) and one RDS file per
   * route configuration, named after it, and one SDS file per secret.
   */
  public SortedMap<String, List<Message>> dynamicFiles(SharedResources shared) {
    SortedMap<String, List<Message>> files = new TreeMap<>();
    files.put(LDS, List.copyOf(listeners));
    List<Message> clusters = new ArrayList<>(egressClusters(shared));
    clusters.addAll(localClusters);
    files.put(CDS, clusters);
    files.put(rdsFile(shared.egressRoutes().getName()), List.of(shared.egressRoutes()));
    routes.forEach(r -> files.put(rdsFile(r.getName()), List.of(r)));
    secrets.forEach(s -> files.put(TlsTranslator.sdsFile(s.getName()), List.of(s)));
    return files;
  }

  /** The path of the RDS file of the route configuration {@code name}. */
  public static String rdsFile(String name) {
    return "rds/" + name + ".yaml";
  }
}
