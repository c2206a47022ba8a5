package dev.bent.ir;

import java.util.List;
import java.util.Optional;

/**
 * A virtual host: requests whose Host is one of {@code domains} go to {@code cluster}, with the
 * service's route policy (egress) or fault injection (ingress) when it has one. When {@code routes}
 * is not empty (a routed service), they replace the single catch-all route to {@code cluster}.
 */
public record VirtualHostPlan(
    String name,
    List<String> domains,
    String cluster,
    Optional<RoutePolicy> route,
    Optional<FaultPlan> fault,
    List<RoutePlan> routes) {
  public VirtualHostPlan {
    domains = List.copyOf(domains);
    routes = List.copyOf(routes);
  }

  /** A virtual host with one catch-all route to {@code cluster}. */
  public VirtualHostPlan(
      String name, List<String> domains, String cluster, Optional<RoutePolicy> route, Optional<FaultPlan> fault) {
    this(name, domains, cluster, route, fault, List.of());
  }

  public static VirtualHostPlan of(String name, String cluster) {
    return new VirtualHostPlan(name, List.of(name), cluster, Optional.empty(), Optional.empty());
  }
}
