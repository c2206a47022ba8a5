package dev.bent.translate;

import dev.bent.ir.VirtualHostPlan;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.List;

/** Translates virtual-host plans into one route configuration (one RDS file). */
public final class RouteTranslator {
  private RouteTranslator() {}

  public static RouteConfiguration translate(String name, List<VirtualHostPlan> hosts) {
    RouteConfiguration.Builder config = RouteConfiguration.newBuilder().setName(name);
    for (VirtualHostPlan host : hosts) {
      config.addVirtualHosts(
          VirtualHost.newBuilder()
              .setName(host.name())
              .addAllDomains(host.domains())
              .addRoutes(
                  Route.newBuilder()
                      .setMatch(RouteMatch.newBuilder().setPrefix("/"))
                      .setRoute(RouteAction.newBuilder().setCluster(host.cluster()))));
    }
    return config.build();
  }
}
