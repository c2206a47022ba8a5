package dev.bent.ir;

import java.util.List;
import java.util.Optional;

/**
 * One resolved route of a routed service: its match, the clusters that share its requests (each
 * with the Host the request carries there), an optional mirror, an optional prefix rewrite, and its
 * timeout and retries with where each value written for them came from.
 */
public record RoutePlan(
    RouteMatchPlan match,
    List<Target> targets,
    Optional<Mirror> mirror,
    Optional<String> prefixRewrite,
    Optional<RoutePolicy> policy,
    List<PolicyValue> policyOrigins,
    String origin) {
  public RoutePlan {
    targets = List.copyOf(targets);
    policyOrigins = List.copyOf(policyOrigins);
  }

  /** True when the route splits traffic by weight (more than one target, or written as a split). */
  public boolean isSplit() {
    return targets.size() > 1;
  }

  /**
   * A service that takes {@code weight} (relative) of the route's requests through {@code cluster};
   * {@code host} is the Host header the request is given, so that the serving sidecar's ingress
   * finds its virtual host.
   */
  public record Target(String service, String cluster, long weight, String host) {}

  /** A service that receives a copy of {@code percent} of the route's requests. */
  public record Mirror(String service, String cluster, double percent) {}
}
