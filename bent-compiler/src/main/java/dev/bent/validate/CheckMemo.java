package dev.bent.validate;

import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Memory of what {@link NodeConfigChecker} found about single resources, keyed by the resource
 * object itself, so that resources shared by many nodes are walked once: a clean cluster, the
 * extensions configured inside a listener or route configuration, and the domains and cluster
 * names of a route configuration; and, through {@link AnyMemo}, what the field rules found in each
 * typed config payload. Checks that depend on the node (cluster names that exist, the admin
 * address) still run per node, on what is remembered.
 *
 * <p>Reasoning: in bent's output every node holds the same egress clusters and routes (the same
 * objects), which are most of a node; without this, checking a 1,000-node mesh walked them 1,000
 * times. Keys are compared by identity, so an equal but distinct resource is simply checked again.
 * One memo serves the nodes of one compile; it is not thread-safe.
 */
public final class CheckMemo {
  private final Set<Cluster> cleanClusters = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Message, List<TypedConfigFinder.Found>> extensions = new IdentityHashMap<>();
  private final Map<RouteConfiguration, RouteFacts> routes = new IdentityHashMap<>();
  private final Map<Cluster, AdminReach> adminReach = new IdentityHashMap<>();
  private final Map<Message, List<TypedConfigFinder.Found>> secretRefs = new IdentityHashMap<>();
  private final AnyMemo payloads = new AnyMemo();

  /** What a route configuration is, apart from the node: whether its domains are unique, what it routes to. */
  record RouteFacts(boolean domainsUnique, Set<String> clusters) {}

  /** Whether a cluster reaches the admin interface at {@code admin}. */
  private record AdminReach(SocketAddress admin, boolean reaches) {}

  /** Creates an empty memo, for the nodes of one mesh. */
  public CheckMemo() {}

  /** Runs {@link ClusterCheck} on {@code cluster} unless it was found clean before. */
  void cluster(String file, String field, Cluster cluster, List<Diagnostic> problems) {
    if (cleanClusters.contains(cluster)) {
      return;
    }
    List<Diagnostic> found = new ArrayList<>();
    new ClusterCheck(found).check(file, field, cluster);
    if (found.isEmpty()) {
      cleanClusters.add(cluster);
    }
    problems.addAll(found);
  }

  /** {@link AdminRouteCheck#reachesAdmin}, remembered for the last admin address asked about. */
  boolean reachesAdmin(Cluster cluster, SocketAddress admin) {
    AdminReach known = adminReach.get(cluster);
    if (known == null || !known.admin().equals(admin)) {
      known = new AdminReach(admin, AdminRouteCheck.reachesAdmin(cluster, admin));
      adminReach.put(cluster, known);
    }
    return known.reaches();
  }

  /** The typed configs of {@code types} inside {@code root}, with paths relative to it. */
  List<TypedConfigFinder.Found> extensions(Message root, Set<String> types) {
    return extensions.computeIfAbsent(root, r -> TypedConfigFinder.find(r, "", types));
  }

  /** The SdsSecretConfigs inside {@code root}, with paths relative to it. */
  List<TypedConfigFinder.Found> secretRefs(Message root) {
    return secretRefs.computeIfAbsent(root, r -> TypedConfigFinder.findMessages(r, "", SecretFileCheck.TYPES));
  }

  /** What checking each Any payload found, for {@link RuleDiagnostics}. */
  AnyMemo payloads() {
    return payloads;
  }

  /** The node-independent facts of {@code config}. */
  RouteFacts routes(RouteConfiguration config) {
    return routes.computeIfAbsent(config, c -> {
      List<Diagnostic> domains = new ArrayList<>();
      new RouteConfigCheck(domains).check("", "", c);
      return new RouteFacts(domains.isEmpty(), RouteConfigCheck.referencedClusters(c));
    });
  }
}
