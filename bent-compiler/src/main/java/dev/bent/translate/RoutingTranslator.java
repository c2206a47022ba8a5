package dev.bent.translate;

import com.google.protobuf.UInt32Value;
import dev.bent.ir.RouteMatchPlan;
import dev.bent.ir.RouteMatchPlan.ValueMatch;
import dev.bent.ir.RoutePlan;
import io.envoyproxy.envoy.config.core.v3.RuntimeFractionalPercent;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.type.matcher.v3.RegexMatcher;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.math.BigDecimal;

/**
 * Translates the routes of a routed service into Envoy routes, in order: the match (path prefix,
 * exact path or {@code safe_regex}; header, method and query-parameter conditions), then the action
 * (one cluster or {@code weighted_clusters}, the target's name as Host, prefix rewrite, timeout,
 * retries, request mirroring).
 *
 * <p>Every field used here is in Envoy 1.30's API: {@code ClusterWeight.host_rewrite_literal}
 * (1.20), {@code HeaderMatcher.string_match} (1.20), {@code RegexMatcher} without an engine type
 * (1.24), {@code request_mirror_policies} with {@code runtime_fraction}.
 */
final class RoutingTranslator {
  private static final String METHOD_HEADER = ":method";

  private RoutingTranslator() {}

  static Route translate(RoutePlan plan) {
    return Route.newBuilder().setMatch(match(plan.match())).setRoute(action(plan)).build();
  }

  private static RouteMatch match(RouteMatchPlan plan) {
    RouteMatch.Builder match = RouteMatch.newBuilder();
    switch (plan.pathKind()) {
      case PREFIX -> match.setPrefix(plan.path());
      case PATH -> match.setPath(plan.path());
      case REGEX -> match.setSafeRegex(regex(plan.path()));
    }
    for (ValueMatch header : plan.headers()) {
      match.addHeaders(header(header));
    }
    if (plan.methods().size() == 1) {
      match.addHeaders(HeaderMatcher.newBuilder().setName(METHOD_HEADER)
          .setStringMatch(StringMatcher.newBuilder().setExact(plan.methods().get(0))));
    } else if (!plan.methods().isEmpty()) {
      // Methods are upper-case letters only (checked when read), so the alternation needs no escaping.
      match.addHeaders(HeaderMatcher.newBuilder().setName(METHOD_HEADER)
          .setStringMatch(StringMatcher.newBuilder().setSafeRegex(regex(String.join("|", plan.methods())))));
    }
    for (ValueMatch query : plan.query()) {
      match.addQueryParameters(query(query));
    }
    return match.build();
  }

  private static HeaderMatcher header(ValueMatch value) {
    HeaderMatcher.Builder header = HeaderMatcher.newBuilder().setName(value.name());
    switch (value.kind()) {
      case PRESENT -> header.setPresentMatch(true);
      // Inverted presence, the form every 1.x release reads the same way.
      case ABSENT -> header.setPresentMatch(true).setInvertMatch(true);
      default -> header.setStringMatch(string(value));
    }
    return header.build();
  }

  private static QueryParameterMatcher query(ValueMatch value) {
    QueryParameterMatcher.Builder query = QueryParameterMatcher.newBuilder().setName(value.name());
    if (value.kind() == dev.bent.model.RouteEntry.ValueKind.PRESENT) {
      query.setPresentMatch(true);
    } else {
      query.setStringMatch(string(value));
    }
    return query.build();
  }

  private static StringMatcher string(ValueMatch value) {
    StringMatcher.Builder string = StringMatcher.newBuilder();
    switch (value.kind()) {
      case EXACT -> string.setExact(value.value());
      case PREFIX -> string.setPrefix(value.value());
      case REGEX -> string.setSafeRegex(regex(value.value()));
      default -> throw new IllegalArgumentException("not a string match: " + value.kind());
    }
    return string.build();
  }

  private static RegexMatcher regex(String regex) {
    return RegexMatcher.newBuilder().setRegex(regex).build();
  }

  private static RouteAction action(RoutePlan plan) {
    RouteAction.Builder action = RouteAction.newBuilder();
    if (plan.isSplit()) {
      WeightedCluster.Builder weighted = WeightedCluster.newBuilder();
      for (RoutePlan.Target target : plan.targets()) {
        weighted.addClusters(WeightedCluster.ClusterWeight.newBuilder()
            .setName(target.cluster())
            .setWeight(UInt32Value.of((int) target.weight()))
            .setHostRewriteLiteral(target.host()));
      }
      action.setWeightedClusters(weighted);
    } else {
      RoutePlan.Target target = plan.targets().get(0);
      action.setCluster(target.cluster()).setHostRewriteLiteral(target.host());
    }
    plan.prefixRewrite().ifPresent(action::setPrefixRewrite);
    plan.policy().ifPresent(policy -> RouteTranslator.apply(policy, action));
    plan.mirror().ifPresent(mirror -> action.addRequestMirrorPolicies(
        RouteAction.RequestMirrorPolicy.newBuilder()
            .setCluster(mirror.cluster())
            .setRuntimeFraction(RuntimeFractionalPercent.newBuilder().setDefaultValue(percent(mirror.percent())))));
    return action.build();
  }

  /** A percentage as Envoy's fraction: per hundred when whole, else per million. */
  static FractionalPercent percent(double percent) {
    BigDecimal value = BigDecimal.valueOf(percent);
    if (value.stripTrailingZeros().scale() <= 0) {
      return FractionalPercent.newBuilder().setNumerator(value.intValue())
          .setDenominator(FractionalPercent.DenominatorType.HUNDRED).build();
    }
    return FractionalPercent.newBuilder()
        .setNumerator(value.movePointRight(4).setScale(0, java.math.RoundingMode.HALF_UP).intValue())
        .setDenominator(FractionalPercent.DenominatorType.MILLION).build();
  }
}
