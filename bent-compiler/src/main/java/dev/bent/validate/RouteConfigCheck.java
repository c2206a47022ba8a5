package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a route configuration the way Envoy does when it loads it, plus what Envoy accepts but
 * serves wrongly: unique domains (Envoy rejects duplicates) and routes to clusters that exist
 * (Envoy loads those and answers 503).
 */
final class RouteConfigCheck {
  private final List<Diagnostic> problems;
  private final Set<String> clusters;

  RouteConfigCheck(List<Diagnostic> problems, Set<String> clusters) {
    this.problems = problems;
    this.clusters = clusters;
  }

  void check(String file, String field, RouteConfiguration config) {
    Map<String, String> domains = new HashMap<>();
    List<VirtualHost> hosts = config.getVirtualHostsList();
    for (int h = 0; h < hosts.size(); h++) {
      VirtualHost host = hosts.get(h);
      String at = field + ".virtual_hosts[" + h + "]";
      for (String domain : host.getDomainsList()) {
        String earlier = domains.putIfAbsent(domain.toLowerCase(Locale.ROOT), host.getName());
        if (earlier != null) {
          error(file, at + ".domains: \"" + domain + "\" is also a domain of virtual host \"" + earlier
              + "\" (Envoy rejects duplicate domains)");
        }
      }
      List<Route> routes = host.getRoutesList();
      for (int r = 0; r < routes.size(); r++) {
        Route route = routes.get(r);
        if (route.hasRoute() && route.getRoute().hasCluster() && !clusters.contains(route.getRoute().getCluster())) {
          error(file, at + ".routes[" + r + "].route.cluster: no cluster named \"" + route.getRoute().getCluster()
              + "\" (Envoy would answer 503)");
        }
      }
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
