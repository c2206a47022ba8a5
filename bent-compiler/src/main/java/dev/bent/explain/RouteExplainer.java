package dev.bent.explain;

import dev.bent.ir.PolicyValue;
import dev.bent.ir.RouteMatchPlan;
import dev.bent.ir.RouteMatchPlan.ValueMatch;
import dev.bent.ir.RoutePlan;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Describes the routes of a routed service for {@code bent explain}: each route's match, its
 * targets with their weights and shares, its mirror, rewrite, and its timeout and retry values with
 * where each value written for it came from (the route or the service's annotation).
 */
final class RouteExplainer {
  private RouteExplainer() {}

  /** Writes the routes through {@code line} (indent, text), starting at {@code indent}. */
  static void explain(List<RoutePlan> routes, int indent, BiConsumer<Integer, String> line) {
    int number = 1;
    for (RoutePlan route : routes) {
      line.accept(indent, "route " + number++ + ": " + match(route.match()) + "  (" + route.origin() + ")");
      line.accept(indent + 1, "-> " + targets(route));
      route.prefixRewrite().ifPresent(p -> line.accept(indent + 1, "prefix rewritten to " + p));
      route.mirror().ifPresent(m -> line.accept(indent + 1,
          "mirror " + BigDecimal.valueOf(m.percent()).stripTrailingZeros().toPlainString() + "% to " + m.service()
              + " (copies carry Host <host>-shadow; replies are dropped)"));
      line.accept(indent + 1, policy(route));
      for (PolicyValue value : route.policyOrigins()) {
        line.accept(indent + 2, value.key() + " = " + value.value() + "  (" + value.origin() + ")");
      }
    }
    if (routes.isEmpty() || !routes.get(routes.size() - 1).match().catchesAll()) {
      line.accept(indent, "any other request: 404 (no route matches)");
    }
  }

  private static String policy(RoutePlan route) {
    String timeout = route.policy().flatMap(p -> p.timeout()).map(t -> "timeout " + millis(t.toMillis()))
        .orElse("timeout 15s (Envoy's default)");
    String retry = route.policy().flatMap(p -> p.retry()).map(r -> "retry " + r.numRetries() + "x on " + r.retryOn()
        + r.perTryTimeout().map(t -> ", " + millis(t.toMillis()) + " per try").orElse("")).orElse("no retries");
    return timeout + ", " + retry;
  }

  private static String millis(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  private static String targets(RoutePlan route) {
    if (!route.isSplit()) {
      RoutePlan.Target t = route.targets().get(0);
      return t.service() + " (Host " + t.host() + ")";
    }
    long sum = route.targets().stream().mapToLong(RoutePlan.Target::weight).sum();
    List<String> parts = new ArrayList<>();
    for (RoutePlan.Target t : route.targets()) {
      BigDecimal share = BigDecimal.valueOf(t.weight() * 100).divide(BigDecimal.valueOf(sum), 1, java.math.RoundingMode.HALF_UP);
      parts.add(t.service() + " weight " + t.weight() + " (" + share.stripTrailingZeros().toPlainString() + "%)");
    }
    return String.join(", ", parts) + "; each with its own name as Host";
  }

  static String match(RouteMatchPlan match) {
    List<String> parts = new ArrayList<>();
    parts.add(switch (match.pathKind()) {
      case PREFIX -> "prefix " + match.path();
      case PATH -> "path " + match.path();
      case REGEX -> "path matching /" + match.path() + "/";
    });
    match.headers().forEach(h -> parts.add("header " + value(h)));
    match.query().forEach(q -> parts.add("query " + value(q)));
    if (!match.methods().isEmpty()) {
      parts.add("method " + String.join(" or ", match.methods()));
    }
    return String.join(", ", parts);
  }

  private static String value(ValueMatch v) {
    return v.name() + switch (v.kind()) {
      case EXACT -> " = \"" + v.value() + "\"";
      case PREFIX -> " starting with \"" + v.value() + "\"";
      case REGEX -> " matching /" + v.value() + "/";
      case PRESENT -> " present";
      case ABSENT -> " absent";
    };
  }
}
