package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import java.util.List;
import java.util.Set;

/**
 * bent's own layout policy: rules Envoy does not have, which bent's output keeps and {@code
 * --profile bent} enforces as errors, each message ending in {@value #TAG}. Plain {@code bent
 * validate} never applies them.
 *
 * <ul>
 *   <li>{@code node.id} and {@code node.cluster} are set in the bootstrap (Envoy also takes them
 *       from {@code --service-node}/{@code --service-cluster});
 *   <li>the admin interface listens on loopback only;
 *   <li>a node makes at most {@value #MAX_SUBSCRIPTIONS} filesystem subscriptions (each costs an
 *       inotify instance; hosts commonly allow 128 per user, shared by every Envoy on the host);
 *   <li>a route to the admin interface matches only {@code /stats/prometheus} ({@link
 *       AdminRouteCheck});
 *   <li>every route names a cluster that exists, also in RDS where Envoy loads the route and
 *       answers 503;
 *   <li>tracer collector clusters are static, so that a bad CDS file cannot remove them;
 *   <li>HTTP filter names are unique in a chain, so that {@code typed_per_filter_config} reaches
 *       one filter.
 * </ul>
 */
final class LayoutPolicy {
  /** The mark at the end of every policy finding. */
  static final String TAG = "[bent layout]";

  /** Filesystem subscriptions one node may use; bent's own layout uses four. */
  static final int MAX_SUBSCRIPTIONS = 16;

  private final List<Diagnostic> problems;

  LayoutPolicy(List<Diagnostic> problems) {
    this.problems = problems;
  }

  /** The node's identity and admin address. */
  void bootstrap(String file, Bootstrap bootstrap) {
    if (bootstrap.getNode().getId().isEmpty() || bootstrap.getNode().getCluster().isEmpty()) {
      error(file, "node: node.id and node.cluster must be set in the bootstrap");
    }
    SocketAddress admin = bootstrap.getAdmin().getAddress().getSocketAddress();
    if (bootstrap.hasAdmin() && !isLoopback(admin.getAddress())) {
      error(file, "admin.address: admin must listen on loopback, not " + admin.getAddress());
    }
  }

  /** The number of filesystem subscriptions of the node. */
  void subscriptions(String file, int count) {
    if (count > MAX_SUBSCRIPTIONS) {
      error(file, count + " filesystem subscriptions; at most " + MAX_SUBSCRIPTIONS
          + " per node (each costs an inotify instance)");
    }
  }

  /** Routes to the admin interface match only the Prometheus path. */
  void adminRoutes(String file, String field, RouteConfiguration routes, Set<String> adminClusters) {
    new AdminRouteCheck(problems, adminClusters).check(file, field, routes);
  }

  /** A route, which Envoy would load, to a cluster that does not exist ({@code missing} says which). */
  void routeToMissingCluster(String file, String missing) {
    error(file, missing + "; Envoy would load it and answer 503, bent's output never routes to a missing cluster");
  }

  /** A tracer's collector cluster is one of the bootstrap's static clusters. */
  void tracerCollector(String file, String field, String cluster, Set<String> staticClusters) {
    if (!staticClusters.contains(cluster)) {
      error(file, field + ": the collector \"" + cluster + "\" must be a static cluster of the bootstrap"
          + Suggestions.didYouMean(cluster, staticClusters) + " (a bad CDS file must not remove it)");
    }
  }

  /** An HTTP filter name used twice in one chain. */
  void duplicateFilterName(String file, String field, String name) {
    error(file, field + ".name: filter name \"" + name + "\" is used twice in one chain");
  }

  static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message + " " + TAG));
  }
}
