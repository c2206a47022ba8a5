package dev.bent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.validate.StrictParser;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.WeightedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Follows requests through the generated files of the routing sample, as Envoy would: the caller's
 * egress route picks a cluster and rewrites Host, the cluster's endpoint is another node's sidecar,
 * and that sidecar's ingress must find a virtual host for the Host the request now carries and send
 * it to its local application.
 */
class RequestPathTest {
  private static final Compiler.Compilation SAMPLE = Compiler.compileFile(
      Meshes.projectRoot().resolve("samples/routing.yaml"), List.of(), n -> "/etc/envoy/" + n);

  /** Where a request ended: the serving node and the local cluster its ingress chose. */
  record Arrival(String node, String localCluster) {}

  @Test
  void canaryHeaderRequestReachesTheV2ApplicationThroughItsSidecar() throws Exception {
    List<Arrival> arrivals = follow("productpage", "egress",
        new EnvoyRouteMatcher.Request("reviews.svc:4000", "GET", "/api/list", Map.of("x-canary", "true")));
    assertEquals(List.of(new Arrival("reviews-v2", "local_reviews-v2.svc")), arrivals);
  }

  @Test
  void splitSendsEachShareToTheApplicationOfItsVersion() throws Exception {
    List<Arrival> arrivals = follow("productpage", "egress",
        new EnvoyRouteMatcher.Request("reviews.svc", "POST", "/api/list", Map.of("x-canary", "true")));
    assertEquals(List.of(new Arrival("reviews-v1", "local_reviews-v1.svc"), new Arrival("reviews-v2", "local_reviews-v2.svc")),
        arrivals, "POST is not one of the canary route's methods, so the split route takes it");
  }

  @Test
  void queryRouteReachesV1AndTheGatewayRoutesLikeEgress() throws Exception {
    EnvoyRouteMatcher.Request request = new EnvoyRouteMatcher.Request("reviews.svc", "GET", "/v1/list?debug", Map.of());
    assertEquals(List.of(new Arrival("reviews-v1", "local_reviews-v1.svc")), follow("productpage", "egress", request));
    assertEquals(List.of(new Arrival("reviews-v1", "local_reviews-v1.svc")), follow("edge", "gateway", request));
  }

  @Test
  void mirroredCopyReachesTheMirrorApplicationUnderItsShadowHost() throws Exception {
    Route route = EnvoyRouteMatcher.route(routes("productpage", "egress"),
        new EnvoyRouteMatcher.Request("reviews.svc", "GET", "/", Map.of())).orElseThrow();
    RouteAction.RequestMirrorPolicy mirror = route.getRoute().getRequestMirrorPolicies(0);
    assertEquals(5, mirror.getRuntimeFraction().getDefaultValue().getNumerator());
    for (WeightedCluster.ClusterWeight target : route.getRoute().getWeightedClusters().getClustersList()) {
      // Envoy copies the request after the Host rewrite and appends "-shadow" to the host.
      for (String host : List.of(target.getHostRewriteLiteral(), "reviews.svc", "reviews.svc:4000")) {
        String shadow = host.contains(":") ? host.replace(":", "-shadow:") : host + "-shadow";
        assertEquals(new Arrival("reviews-v3", "local_reviews-v3.svc"), arrive(mirror.getCluster(), shadow), shadow);
      }
    }
  }

  /** Every place a request can end (one per target of a split), in target order. */
  private static List<Arrival> follow(String node, String routeConfig, EnvoyRouteMatcher.Request request) throws Exception {
    Route route = EnvoyRouteMatcher.route(routes(node, routeConfig), request)
        .orElseThrow(() -> new AssertionError("no route on " + node + " for " + request));
    RouteAction action = route.getRoute();
    List<Arrival> out = new ArrayList<>();
    if (action.hasWeightedClusters()) {
      for (WeightedCluster.ClusterWeight c : action.getWeightedClusters().getClustersList()) {
        out.add(arrive(c.getName(), c.getHostRewriteLiteral()));
      }
    } else {
      String host = action.getHostRewriteLiteral().isEmpty() ? request.host() : action.getHostRewriteLiteral();
      out.add(arrive(action.getCluster(), host));
    }
    return out;
  }

  /** Sends a request with {@code host} to the egress cluster {@code cluster}: which sidecar, which app. */
  private static Arrival arrive(String cluster, String host) throws Exception {
    Cluster egress = clusters("productpage").stream().filter(c -> c.getName().equals(cluster)).findFirst()
        .orElseThrow(() -> new AssertionError("no cluster " + cluster));
    List<LbEndpoint> endpoints = egress.getLoadAssignment().getEndpoints(0).getLbEndpointsList();
    assertEquals(1, endpoints.size());
    var address = endpoints.get(0).getEndpoint().getAddress().getSocketAddress();
    assertEquals(4100, address.getPortValue(), "egress clusters reach sidecars on the ingress port");
    String serving = servingNode(address.getAddress());
    RouteConfiguration ingress = routes(serving, "ingress");
    Route route = EnvoyRouteMatcher.route(ingress, new EnvoyRouteMatcher.Request(host, "GET", "/", Map.of()))
        .orElseThrow(() -> new AssertionError("the ingress of " + serving + " has no virtual host for " + host));
    return new Arrival(serving, route.getRoute().getCluster());
  }

  /** The node whose local application listens at {@code address} (its sidecar shares the address). */
  private static String servingNode(String address) throws Exception {
    Optional<String> found = Optional.empty();
    for (String node : SAMPLE.nodes().keySet()) {
      boolean serves = clusters(node).stream().filter(c -> c.getName().startsWith("local_"))
          .flatMap(c -> c.getLoadAssignment().getEndpointsList().stream())
          .flatMap(l -> l.getLbEndpointsList().stream())
          .anyMatch(e -> e.getEndpoint().getAddress().getSocketAddress().getAddress().equals(address));
      if (serves) {
        assertTrue(found.isEmpty());
        found = Optional.of(node);
      }
    }
    return found.orElseThrow(() -> new AssertionError("no node serves " + address));
  }

  private static RouteConfiguration routes(String node, String name) throws Exception {
    return (RouteConfiguration) resources(node, "rds/" + name + ".yaml").get(0);
  }

  private static List<Cluster> clusters(String node) throws Exception {
    return resources(node, "cds.yaml").stream().map(Cluster.class::cast).toList();
  }

  private static List<com.google.protobuf.Message> resources(String node, String file) throws Exception {
    return StrictParser.create().parseDiscoveryResources(Meshes.text(SAMPLE, node, file), StrictParser.Format.YAML);
  }

}
