package dev.bent.ir;

import java.util.List;
import java.util.Optional;

/**
 * A virtual host: requests whose Host is one of {@code domains} go to {@code cluster}, with the
 * service's route policy (egress) or fault injection (ingress) when it has one.
 */
public record VirtualHostPlan(
    String name, List<String> domains, String cluster, Optional<RoutePolicy> route, Optional<FaultPlan> fault) {
  public VirtualHostPlan {
    domains = List.copyOf(domains);
  }

  public static VirtualHostPlan of(String name, String cluster) {
    return new VirtualHostPlan(name, List.of(name), cluster, Optional.empty(), Optional.empty());
  }
}
