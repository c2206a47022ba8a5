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
 * Checks a route configuration the way Envoy does when it loads it: unique domains, and routes to
 * clusters that exist.
 *
 * <p>Envoy's rules: duplicate domains are refused ({@code source/common/router/config_impl.cc},
 * RouteMatcher: "Only unique values for domains are permitted", compared in lower case). A route
 * to an unknown cluster is refused only when {@code validate_clusters} is true, which it is by
 * default for an inline {@code route_config} and not for RDS ({@code
 * api/envoy/config/route/v3/route.proto}, RouteConfiguration.validate_clusters); an RDS route to a
 * missing cluster loads and answers 503, so it is a warning.
 */
final class RouteConfigCheck {
  private final List<Diagnostic> problems;
  private final Set<String> clusters;
  private final boolean validated;
  private final String known;
  /** Whether the configuration being checked sets validate_clusters itself. */
  private boolean explicit;

  /** bent's layout policy, or null when only Envoy's rules apply. */
  private final LayoutPolicy policy;

  /** Checks domains only. */
  RouteConfigCheck(List<Diagnostic> problems) {
    this(problems, null, false, "", null);
  }

  /**
   * @param clusters the cluster names routes may use, or null when they are not known
   * @param validated whether Envoy validates the clusters (validate_clusters, set or defaulted)
   * @param known which clusters {@code clusters} are, for messages ("static clusters", ...)
   * @param policy bent's layout policy, which refuses what Envoy loads and answers 503 for; or null
   */
  RouteConfigCheck(List<Diagnostic> problems, Set<String> clusters, boolean validated, String known,
      LayoutPolicy policy) {
    this.problems = problems;
    this.clusters = clusters;
    this.validated = validated;
    this.known = known;
    this.policy = policy;
  }

  /** Whether Envoy validates the clusters of {@code config}: as set, else true when inline. */
  static boolean validatesClusters(RouteConfiguration config, boolean inline) {
    return config.hasValidateClusters() ? config.getValidateClusters().getValue() : inline;
  }

  void check(String file, String field, RouteConfiguration config) {
    explicit = config.hasValidateClusters();
    Map<String, String> domains = new HashMap<>();
    List<VirtualHost> hosts = config.getVirtualHostsList();
    for (int h = 0; h < hosts.size(); h++) {
      VirtualHost host = hosts.get(h);
      String at = field + ".virtual_hosts[" + h + "]";
      for (String domain : host.getDomainsList()) {
        String earlier = domains.putIfAbsent(domain.toLowerCase(Locale.ROOT), host.getName());
        if (earlier != null) {
          error(file, at + ".domains: \"" + domain + "\" is also a domain of virtual host \"" + earlier
              + "\" (Envoy: \"Only unique values for domains are permitted\")");
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
        String missing = at + ".request_mirror_policies[" + m + "].cluster";
        String cluster = mirrors.get(m).getCluster();
        if (!clusters.contains(cluster) && !validated && policy == null) {
          problems.add(Diagnostic.warning(Location.of(file), missing + ": no cluster named \"" + cluster + "\"" + known
              + Suggestions.didYouMean(cluster, clusters) + "; Envoy loads it and mirrors nothing"));
        } else {
          known(file, missing, cluster);
        }
      }
    }
  }

  private void known(String file, String at, String cluster) {
    if (clusters.contains(cluster)) {
      return;
    }
    String missing = at + ": no cluster named \"" + cluster + "\"" + known + Suggestions.didYouMean(cluster, clusters);
    if (validated) {
      error(file, missing + "; Envoy refuses the route configuration (validate_clusters is true"
          + (explicit ? "" : ", the default for an inline route_config") + "): \"route: unknown cluster '"
          + cluster + "'\"");
    } else if (policy != null) {
      policy.routeToMissingCluster(file, missing);
    } else {
      problems.add(Diagnostic.warning(Location.of(file), missing + "; Envoy loads it (validate_clusters is false"
          + (explicit ? "" : ", the default for RDS") + ") and the route answers 503"));
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
