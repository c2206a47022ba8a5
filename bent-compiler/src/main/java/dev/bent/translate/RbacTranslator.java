package dev.bent.translate;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.rbac.v3.Permission;
import io.envoyproxy.envoy.config.rbac.v3.Policy;
import io.envoyproxy.envoy.config.rbac.v3.Principal;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.List;
import java.util.Map;

/**
 * Translates {@code allowedCallers}: an RBAC filter on the ingress listener that does nothing by
 * itself, and on the virtual host of each service with allowed callers a policy that lets through
 * only connections whose authenticated peer certificate has one of the callers' URI SANs. Anything
 * else gets 403.
 */
final class RbacTranslator {
  static final String RBAC_FILTER = "envoy.filters.http.rbac";
  static final String POLICY = "allowed-callers";

  private RbacTranslator() {}

  /** The ingress RBAC filter; without rules it enforces nothing, the virtual hosts do. */
  static HttpFilter filter() {
    return HttpFilter.newBuilder()
        .setName(RBAC_FILTER)
        .setTypedConfig(Any.pack(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDefaultInstance()))
        .build();
  }

  /** {@code routes} with a caller policy on the virtual host of each service in {@code callers}. */
  static RouteConfiguration apply(RouteConfiguration routes, Map<String, List<String>> callers) {
    RouteConfiguration.Builder out = routes.toBuilder();
    for (int i = 0; i < out.getVirtualHostsCount(); i++) {
      VirtualHost host = out.getVirtualHosts(i);
      List<String> allowed = callers.get(host.getName());
      if (allowed != null) {
        out.setVirtualHosts(i, host.toBuilder().putTypedPerFilterConfig(RBAC_FILTER, Any.pack(perRoute(allowed))));
      }
    }
    return out.build();
  }

  /** ALLOW with no policy matches nothing, so an empty list denies every caller. */
  private static RBACPerRoute perRoute(List<String> allowed) {
    RBAC.Builder rules = RBAC.newBuilder().setAction(RBAC.Action.ALLOW);
    if (!allowed.isEmpty()) {
      Policy.Builder policy = Policy.newBuilder().addPermissions(Permission.newBuilder().setAny(true));
      for (String uri : allowed) {
        policy.addPrincipals(Principal.newBuilder().setAuthenticated(Principal.Authenticated.newBuilder()
            .setPrincipalName(StringMatcher.newBuilder().setExact(uri))));
      }
      rules.putPolicies(POLICY, policy.build());
    }
    return RBACPerRoute.newBuilder()
        .setRbac(io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.newBuilder().setRules(rules))
        .build();
  }
}
