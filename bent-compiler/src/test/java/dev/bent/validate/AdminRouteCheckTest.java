package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under bent's layout policy, routes that reach the admin interface (127.0.0.1:9901 in {@link
 * Configs#bootstrap}) are limited; Envoy itself has no such rule.
 */
class AdminRouteCheckTest {
  static final String ROUTE = "resources[0].filter_chains[0].filters[0].typed_config.route_config"
      + ".virtual_hosts[0].routes[0]";

  static Cluster admin(String name, String host) {
    Address address = NumericRulesTest.address(host, 9901);
    return Cluster.newBuilder().setName(name).setType(Cluster.DiscoveryType.STATIC)
        .setConnectTimeout(com.google.protobuf.util.Durations.fromSeconds(1))
        .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(name).addEndpoints(
            LocalityLbEndpoints.newBuilder().addLbEndpoints(
                LbEndpoint.newBuilder().setEndpoint(Endpoint.newBuilder().setAddress(address)))))
        .build();
  }

  /** The problems, under {@link Profile#BENT}, of a node whose LDS listener routes to "admin" and "backend". */
  static List<String> problems(Route route) {
    return problems(route, Profile.BENT);
  }

  static List<String> problems(Route route, Profile profile) {
    HttpConnectionManager hcm = Configs.hcm(Configs.fault(503));
    HttpConnectionManager.Builder builder = hcm.toBuilder();
    builder.getRouteConfigBuilder().getVirtualHostsBuilder(0).setRoutes(0, route);
    Message listener = Configs.listener(builder.build()).toBuilder().setName("metrics")
        .setAddress(NumericRulesTest.address("0.0.0.0", 15090)).build();
    Bootstrap bootstrap = Configs.bootstrap();
    return NodeConfigCheckerTest.check(bootstrap, List.of(listener),
        List.of(admin("admin", "127.0.0.1"), Configs.cluster("backend", 1)), profile);
  }

  static Route route(RouteMatch.Builder match, RouteAction.Builder action) {
    return Route.newBuilder().setMatch(match).setRoute(action).build();
  }

  @Test
  void prometheusPathOrPrefixMayReachAdmin() {
    assertEquals(List.of(), problems(route(RouteMatch.newBuilder().setPath("/stats/prometheus"),
        RouteAction.newBuilder().setCluster("admin"))));
    assertEquals(List.of(), problems(route(RouteMatch.newBuilder().setPrefix("/stats/prometheus"),
        RouteAction.newBuilder().setCluster("admin"))));
  }

  @Test
  void everyPathToAdminIsRejected() {
    assertEquals(List.of(NodeConfigCheckerTest.LDS + ": error: " + ROUTE + ".match: routes to the admin interface"
        + " (cluster \"admin\") must match only the path /stats/prometheus (path or prefix); never route / to"
        + " admin, it serves /quitquitquit [bent layout]"),
        problems(route(RouteMatch.newBuilder().setPrefix("/"), RouteAction.newBuilder().setCluster("admin"))));
  }

  @Test
  void envoyItselfLoadsARouteOfEveryPathToAdmin() {
    assertEquals(List.of(), problems(route(RouteMatch.newBuilder().setPrefix("/"),
        RouteAction.newBuilder().setCluster("admin")), Profile.ENVOY));
  }

  @Test
  void rewritingThePathSentToAdminIsRejected() {
    assertEquals(List.of(NodeConfigCheckerTest.LDS + ": error: " + ROUTE + ".route: a route to the admin interface"
        + " must not rewrite the path [bent layout]"),
        problems(route(RouteMatch.newBuilder().setPrefix("/stats/prometheus"),
            RouteAction.newBuilder().setCluster("admin").setPrefixRewrite("/quitquitquit"))));
  }

  @Test
  void adminAmongWeightedClustersIsFound() {
    WeightedCluster split = WeightedCluster.newBuilder()
        .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("backend").setWeight(UInt32Value.of(99)))
        .addClusters(WeightedCluster.ClusterWeight.newBuilder().setName("admin").setWeight(UInt32Value.of(1)))
        .build();
    List<String> problems = problems(route(RouteMatch.newBuilder().setPrefix("/"),
        RouteAction.newBuilder().setWeightedClusters(split)));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).contains(ROUTE + ".match: routes to the admin interface (cluster \"admin\")"),
        problems.get(0));
  }

  @Test
  void wildcardAdminAddressIsReachedThroughLoopback() {
    var admin = NumericRulesTest.address("0.0.0.0", 9901).getSocketAddress();
    assertTrue(AdminRouteCheck.reachesAdmin(admin("a", "127.0.0.1"), admin));
    assertFalse(AdminRouteCheck.reachesAdmin(admin("b", "10.0.0.5"), admin));
  }
}
