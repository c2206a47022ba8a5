package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.RouteEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns {@code split-of: V=w} annotations into routes: virtual service V gets one catch-all route
 * that splits by weight between the services that name it, in name order.
 *
 * <p>Reasoning: this is the label form of a split, so that a team can canary from its task
 * definition. {@code split-of} is a service-wide annotation of each version, so disagreeing task
 * definitions resolve the way every annotation does (the newest revision wins).
 */
final class SplitShares {
  private SplitShares() {}

  /** Virtual service to its split route, from the {@code split-of} values in {@code policies}. */
  static Map<String, RouteEntry> collect(Map<String, ServicePolicy> policies, Diagnostics diagnostics) {
    Map<String, List<RouteEntry.Target>> shares = new TreeMap<>();
    policies.forEach((name, policy) -> policy.get(AnnotationKey.SPLIT_OF).ifPresent(setting -> {
      ValueKind.SplitShare share = (ValueKind.SplitShare) setting.value();
      if (share.service().equals(name)) {
        diagnostics.error(setting.location(), "service \"" + name + "\" cannot be a share of its own split");
        return;
      }
      shares.computeIfAbsent(share.service(), v -> new ArrayList<>())
          .add(new RouteEntry.Target(name, share.weight(), setting.location()));
    }));
    Map<String, RouteEntry> routes = new TreeMap<>();
    shares.forEach((virtual, targets) -> {
      Location first = targets.get(0).location();
      RouteEntry.Match all = new RouteEntry.Match(
          RouteEntry.PathKind.PREFIX, "/", first, List.of(), List.of(), List.of(), first);
      routes.put(virtual, new RouteEntry(all, targets, true, Optional.empty(), Optional.empty(), List.of(), first));
    });
    return routes;
  }
}
