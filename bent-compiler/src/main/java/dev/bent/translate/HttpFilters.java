package dev.bent.translate;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import dev.bent.ir.GatewayPlan;
import dev.bent.ir.HealthCachePlan;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;

/** The HTTP filters bent puts in a listener's chain, each by its name and typed config. */
final class HttpFilters {
  static final String ROUTER = "envoy.filters.http.router";
  static final String FAULT = "envoy.filters.http.fault";
  static final String BASIC_AUTH = "envoy.filters.http.basic_auth";
  static final String HEALTH_CHECK_PREFIX = "envoy.filters.http.health_check.";

  private HttpFilters() {}

  static HttpFilter router() {
    return filter(ROUTER, Any.pack(Router.getDefaultInstance()));
  }

  /**
   * The fault filter with no fault of its own: each service's faults are set on its virtual host.
   *
   * <p>Reasoning: the filter is always in the ingress chain, so that turning faults on or off for
   * a service changes only RDS, never the listener (a listener change drains connections).
   */
  static HttpFilter fault() {
    return filter(FAULT, Any.pack(HTTPFault.getDefaultInstance()));
  }

  /**
   * Answers the health checks of one service from a cache: requests for its path with its Host
   * pass through to the application and the answer is reused for the cache time.
   */
  static HttpFilter healthCache(HealthCachePlan plan) {
    HealthCheck config =
        HealthCheck.newBuilder()
            .setPassThroughMode(BoolValue.of(true))
            .setCacheTime(Protos.duration(plan.cacheTime()))
            .addHeaders(exact(":path", plan.path()))
            .addHeaders(exact(":authority", plan.service()))
            .build();
    return filter(HEALTH_CHECK_PREFIX + plan.service(), Any.pack(config));
  }

  static HttpFilter basicAuth(GatewayPlan gateway) {
    BasicAuth config =
        BasicAuth.newBuilder()
            .setUsers(DataSource.newBuilder().setInlineString(String.join("\n", gateway.htpasswd()) + "\n"))
            .build();
    return filter(BASIC_AUTH, Any.pack(config));
  }

  private static HeaderMatcher exact(String header, String value) {
    return HeaderMatcher.newBuilder()
        .setName(header)
        .setStringMatch(StringMatcher.newBuilder().setExact(value))
        .build();
  }

  private static HttpFilter filter(String name, Any config) {
    return HttpFilter.newBuilder().setName(name).setTypedConfig(config).build();
  }
}
