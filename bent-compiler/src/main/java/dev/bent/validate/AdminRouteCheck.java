package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * bent's layout rule (see {@link LayoutPolicy}) that routes to the admin interface expose only
 * Prometheus metrics: a route whose cluster
 * has an endpoint at the admin address and port must match exactly the path {@value
 * #PROMETHEUS_PATH} (or a prefix starting with it) and must not rewrite the path.
 *
 * <p>Reasoning: the admin interface serves {@code /quitquitquit}, {@code /drain_listeners} and
 * {@code /runtime_modify} to anyone who reaches it; a listener that routes {@code /} to it hands
 * them to the network.
 */
final class AdminRouteCheck {
  static final String PROMETHEUS_PATH = "/stats/prometheus";

  private final List<Diagnostic> problems;
  private final Set<String> adminClusters;

  AdminRouteCheck(List<Diagnostic> problems, Set<String> adminClusters) {
    this.problems = problems;
    this.adminClusters = adminClusters;
  }

  /** Whether {@code cluster} has an endpoint that reaches the admin interface at {@code admin}. */
  static boolean reachesAdmin(Cluster cluster, SocketAddress admin) {
    for (LocalityLbEndpoints locality : cluster.getLoadAssignment().getEndpointsList()) {
      for (LbEndpoint endpoint : locality.getLbEndpointsList()) {
        SocketAddress socket = endpoint.getEndpoint().getAddress().getSocketAddress();
        if (socket.getPortValue() != admin.getPortValue()) {
          continue;
        }
        if (socket.getAddress().equals(admin.getAddress())
            || (isLocal(socket.getAddress()) && isLocal(admin.getAddress()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Loopback, or the wildcard address (which also listens on loopback). */
  private static boolean isLocal(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("localhost")
        || address.equals("0.0.0.0") || address.equals("::");
  }

  void check(String file, String field, RouteConfiguration config) {
    if (adminClusters.isEmpty()) {
      return;
    }
    List<VirtualHost> hosts = config.getVirtualHostsList();
    for (int h = 0; h < hosts.size(); h++) {
      List<Route> routes = hosts.get(h).getRoutesList();
      for (int r = 0; r < routes.size(); r++) {
        String at = field + ".virtual_hosts[" + h + "].routes[" + r + "]";
        route(file, at, routes.get(r));
      }
    }
  }

  private void route(String file, String at, Route route) {
    RouteAction action = route.getRoute();
    List<String> admin = new ArrayList<>();
    if (adminClusters.contains(action.getCluster())) {
      admin.add(action.getCluster());
    }
    action.getWeightedClusters().getClustersList().stream()
        .filter(c -> adminClusters.contains(c.getName()))
        .forEach(c -> admin.add(c.getName()));
    if (admin.isEmpty()) {
      return;
    }
    if (!onlyPrometheus(route.getMatch())) {
      error(file, at + ".match: routes to the admin interface (cluster \"" + admin.get(0)
          + "\") must match only the path " + PROMETHEUS_PATH + " (path or prefix); never route / to"
          + " admin, it serves /quitquitquit");
    }
    if (!action.getPrefixRewrite().isEmpty() || action.hasRegexRewrite() || action.hasPathRewritePolicy()) {
      error(file, at + ".route: a route to the admin interface must not rewrite the path");
    }
  }

  private static boolean onlyPrometheus(RouteMatch match) {
    return switch (match.getPathSpecifierCase()) {
      case PATH -> match.getPath().equals(PROMETHEUS_PATH);
      case PREFIX -> match.getPrefix().startsWith(PROMETHEUS_PATH);
      default -> false;
    };
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message + " " + LayoutPolicy.TAG));
  }
}
