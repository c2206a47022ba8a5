package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.HashMap;
import java.util.HashSet;
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

  /** {@code clusters}: the cluster names routes may use, or null when they are not known. */
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
      if (clusters != null) {
        List<Route> routes = host.getRoutesList();
        for (int r = 0; r < routes.size(); r++) {
          targets(file, at + ".routes[" + r + "].route", routes.get(r));
        }
      }
    }
  }

  /** Every cluster name that the routes of {@code config} send traffic to. */
  static Set<String> referencedClusters(RouteConfiguration config) {
    Set<String> names = new HashSet<>();
    for (VirtualHost host : config.getVirtualHostsList()) {
      for (Route route : host.getRoutesList()) {
        RouteAction action = route.getRoute();
        if (action.hasCluster()) {
          names.add(action.getCluster());
        }
        action.getWeightedClusters().getClustersList().forEach(c -> names.add(c.getName()));
        action.getRequestMirrorPoliciesList().forEach(m -> names.add(m.getCluster()));
      }
    }
    names.remove("");
    return Set.copyOf(names);
  }

  private void targets(String file, String at, Route route) {
    RouteAction action = route.getRoute();
    if (action.hasCluster()) {
      known(file, at + ".cluster", action.getCluster());
    }
    var weighted = action.getWeightedClusters().getClustersList();
    for (int w = 0; w < weighted.size(); w++) {
      if (!weighted.get(w).getName().isEmpty()) {
        known(file, at + ".weighted_clusters.clusters[" + w + "].name", weighted.get(w).getName());
      }
    }
    var mirrors = action.getRequestMirrorPoliciesList();
    for (int m = 0; m < mirrors.size(); m++) {
      if (!mirrors.get(m).getCluster().isEmpty()) {
        known(file, at + ".request_mirror_policies[" + m + "].cluster", mirrors.get(m).getCluster());
      }
    }
  }

  private void known(String file, String at, String cluster) {
    if (!clusters.contains(cluster)) {
      error(file, at + ": no cluster named \"" + cluster + "\"" + Suggestions.didYouMean(cluster, clusters)
          + "; Envoy would load the route and answer 503");
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
