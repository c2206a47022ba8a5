package dev.bent.translate;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import dev.bent.ir.RoutePolicy;
import dev.bent.ir.VirtualHostPlan;
import io.envoyproxy.envoy.config.route.v3.RetryPolicy;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.List;

/**
 * Translates virtual-host plans into one route configuration (one RDS file): a catch-all route per
 * virtual host, with the service's timeout and retries, or a routed service's own routes ({@link
 * RoutingTranslator}); and its faults as per-virtual-host config of the fault filter, so that they
 * touch that service only.
 */
public final class RouteTranslator {
  private RouteTranslator() {}

  public static RouteConfiguration translate(String name, List<VirtualHostPlan> hosts) {
    RouteConfiguration.Builder config = RouteConfiguration.newBuilder().setName(name);
    for (VirtualHostPlan host : hosts) {
      RouteAction.Builder action = RouteAction.newBuilder().setCluster(host.cluster());
      host.route().ifPresent(policy -> apply(policy, action));
      VirtualHost.Builder virtualHost =
          VirtualHost.newBuilder().setName(host.name()).addAllDomains(host.domains());
      if (host.routes().isEmpty()) {
        virtualHost.addRoutes(
            Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/")).setRoute(action));
      } else {
        host.routes().forEach(r -> virtualHost.addRoutes(RoutingTranslator.translate(r)));
      }
      host.fault()
          .ifPresent(fault -> virtualHost.putTypedPerFilterConfig(
              HttpFilters.FAULT, Any.pack(FaultTranslator.translate(fault))));
      config.addVirtualHosts(virtualHost);
    }
    return config.build();
  }

  static void apply(RoutePolicy policy, RouteAction.Builder action) {
    policy.timeout().ifPresent(t -> action.setTimeout(Protos.duration(t)));
    policy.retry().ifPresent(retry -> {
      RetryPolicy.Builder builder =
          RetryPolicy.newBuilder()
              .setRetryOn(retry.retryOn())
              .setNumRetries(UInt32Value.of((int) retry.numRetries()));
      retry.perTryTimeout().ifPresent(t -> builder.setPerTryTimeout(Protos.duration(t)));
      action.setRetryPolicy(builder);
    });
  }
}
