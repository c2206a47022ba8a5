package dev.bent.resolve;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import dev.bent.ir.RouteMatchPlan;
import dev.bent.ir.RoutePlan;
import dev.bent.model.RouteEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the routes of one routed service into {@link RoutePlan}s and checks what they mean:
 * every target and mirror is a service of the mesh that serves requests itself (not another routed
 * service, so routes never chain and never loop), a target without endpoints is a warning (a canary
 * scaled to zero), and a route after a catch-all is a warning (it can never match).
 *
 * <p>Reasoning, the Host of a routed request: the serving sidecar's ingress picks its virtual host
 * by Host, and it only knows the names of the services it serves. So every target gets the target
 * service's name as Host ({@code host_rewrite_literal}), and a request for {@code reviews.svc} sent
 * to a {@code reviews-v2.svc} sidecar arrives as {@code reviews-v2.svc}. Envoy names a mirrored
 * copy after the request's Host plus {@code -shadow}; the resolver widens the mirror target's
 * ingress domains by those names.
 */
final class RoutePlanner {
  /** What the planner needs to know about every service of the mesh. */
  record ServiceFacts(boolean hasEndpoints, boolean routed) {}

  private final Diagnostics diagnostics;
  private final AnnotationReader annotations;
  private final Map<String, ServiceFacts> services;

  RoutePlanner(Diagnostics diagnostics, AnnotationReader annotations, Map<String, ServiceFacts> services) {
    this.diagnostics = diagnostics;
    this.annotations = annotations;
    this.services = services;
  }

  /** The routes of {@code service}, with {@code defaults} (its own annotations) as route defaults. */
  List<RoutePlan> plan(String service, List<RouteEntry> routes, ServicePolicy defaults) {
    if (routes.isEmpty()) {
      // The source reported the empty or invalid list where it was written.
      return List.of();
    }
    List<RoutePlan> out = new ArrayList<>();
    Location catchAll = null;
    for (RouteEntry route : routes) {
      if (catchAll != null) {
        diagnostics.warning(route.location(), "this route of service \"" + service
            + "\" can never match: the route at " + catchAll + " takes every request before it");
      } else if (route.match().catchesAll()) {
        catchAll = route.location();
      }
      route(service, route, defaults).ifPresent(out::add);
    }
    return out;
  }

  private Optional<RoutePlan> route(String service, RouteEntry route, ServicePolicy defaults) {
    List<RoutePlan.Target> targets = new ArrayList<>();
    Map<String, Location> seen = new LinkedHashMap<>();
    boolean ok = true;
    long sum = 0;
    for (RouteEntry.Target target : route.targets()) {
      Location earlier = seen.putIfAbsent(target.service(), target.location());
      if (earlier != null) {
        diagnostics.error(target.location(), "service \"" + target.service() + "\" is split to twice (first at "
            + earlier + "); give it one entry with the sum of the weights");
        ok = false;
        continue;
      }
      ok &= usable(service, target.service(), "route target", target.location());
      sum += target.weight();
      targets.add(new RoutePlan.Target(target.service(), target.service(), target.weight(), target.service()));
    }
    if (sum > ValueKind.MAX_UINT32) {
      diagnostics.error(route.location(), "the split weights add up to " + sum + ", more than Envoy allows ("
          + ValueKind.MAX_UINT32 + ")");
      ok = false;
    }
    Optional<RoutePlan.Mirror> mirror = Optional.empty();
    if (route.mirror().isPresent()) {
      RouteEntry.Mirror m = route.mirror().get();
      ok &= usable(service, m.service(), "mirror", m.location());
      mirror = Optional.of(new RoutePlan.Mirror(m.service(), m.service(), m.percent()));
    }
    ServicePolicy own = new ServicePolicy();
    annotations.read(service, route.policy(), own);
    ServicePolicy effective = defaults.withRouteValues(own);
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new RoutePlan(match(route.match()), targets, mirror, route.prefixRewrite(),
        effective.route(), effective.routeSummary(), route.location().toString()));
  }

  /**
   * Annotations on a virtual service are the defaults of its routes; cluster and ingress policy
   * stays with each target, so any other key there is reported as having no effect.
   */
  void virtualServiceAnnotations(String name, ServicePolicy policy) {
    policy.nonRouteSettings().forEach(e -> diagnostics.warning(e.getValue().location(),
        "annotation \"" + e.getKey().key() + "\" has no effect on virtual service \"" + name + "\": it has no"
            + " cluster; set it on the services its routes lead to (only timeout and retry keys apply here,"
            + " as defaults of its routes)"));
  }

  /** Checks that {@code target} can take requests routed from {@code service}; reports why not. */
  private boolean usable(String service, String target, String what, Location at) {
    ServiceFacts facts = services.get(target);
    if (facts == null) {
      diagnostics.error(at, what + " \"" + target + "\" of service \"" + service + "\" is not a service of the mesh"
          + Suggestions.didYouMean(target, services.keySet()));
      return false;
    }
    if (target.equals(service)) {
      if (!facts.hasEndpoints()) {
        diagnostics.error(at, "virtual service \"" + service + "\" has no endpoints of its own, so its routes"
            + " cannot lead to itself; route to the services that serve it");
        return false;
      }
      return true;
    }
    if (facts.routed()) {
      diagnostics.error(at, what + " \"" + target + "\" of service \"" + service + "\" has routes of its own;"
          + " routes lead to services that serve requests, not to other routed services (no chains, no loops)");
      return false;
    }
    if (!facts.hasEndpoints()) {
      diagnostics.warning(at, what + " \"" + target + "\" of service \"" + service + "\" has no endpoints now;"
          + " requests routed to it fail with 503 until it has some");
    }
    return true;
  }

  private static RouteMatchPlan match(RouteEntry.Match match) {
    return new RouteMatchPlan(
        match.pathKind(),
        match.path(),
        values(match.headers()),
        values(match.query()),
        match.methods());
  }

  private static List<RouteMatchPlan.ValueMatch> values(List<RouteEntry.ValueMatch> values) {
    return values.stream()
        .map(v -> new RouteMatchPlan.ValueMatch(v.name(), v.kind(), v.value()))
        .toList();
  }

  /** The hosts a mirrored copy of a route's requests can carry, as Envoy writes them. */
  static Set<String> shadowHosts(String service, RoutePlan route) {
    Set<String> hosts = new java.util.TreeSet<>();
    hosts.add(service + "-shadow");
    route.targets().forEach(t -> hosts.add(t.host() + "-shadow"));
    return hosts;
  }
}
