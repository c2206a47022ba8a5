package dev.bent.validate;

import dev.bent.validate.EnvoyExamplesTest.Defect;
import java.util.ArrayList;
import java.util.List;

/** One-defect variants of the Envoy examples, one per check of {@link NodeConfigChecker} and {@link LayoutPolicy}. */
final class NodeDefects {
  private NodeDefects() {}

  static List<Defect> all() {
    List<Defect> all = new ArrayList<>(files());
    all.addAll(node());
    return all;
  }

  /** Defects in how the files of a node refer to each other. */
  static List<Defect> files() {
    String rds = "dynamic-fs/rds/edge_routes.yaml";
    return List.of(
        new Defect("duplicate virtual-host domain", "dynamic-fs", rds, "[\"api.example.com\"]", "[\"WWW.example.com\"]",
            List.of("dynamic-fs/rds/edge_routes.yaml: error: resources[0].virtual_hosts[1].domains: \"WWW.example.com\""
                + " is also a domain of virtual host \"web\"")),
        new Defect("RDS file missing", "dynamic-fs", "dynamic-fs/lds.yaml", "rds/edge_routes.yaml", "rds/edge.yaml",
            List.of("dynamic-fs/lds.yaml: error: resources[0].filter_chains[0].filters[0].typed_config.rds"
                + ".config_source.path_config_source.path: /var/lib/envoy/rds/edge.yaml does not exist")),
        new Defect("RDS resource named otherwise", "dynamic-fs", rds, "name: edge_routes", "name: edge_route",
            List.of("resources[0]: must be the route configuration \"edge_routes\"")),
        new Defect("RDS file with two resources", "dynamic-fs", rds, "resources:\n",
            "resources:\n- {\"@type\": type.googleapis.com/envoy.config.route.v3.RouteConfiguration, name: spare}\n",
            List.of("an RDS file must hold exactly one route configuration, found 2")));
  }

  /** Defects in one node's listeners, clusters, admin, tracers and auth. */
  static List<Defect> node() {
    String s2s = "service-to-service.yaml";
    String front = "front-proxy.yaml";
    return List.of(
        new Defect("router not last", front, front,
            "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
            "type.googleapis.com/envoy.extensions.filters.http.cors.v3.Cors",
            List.of("http_filters: the last HTTP filter must be the router")),
        new Defect("two listeners on one address", s2s, s2s, "{address: 127.0.0.1, port_value: 9001}",
            "{address: 0.0.0.0, port_value: 8000}", List.of("static_resources.listeners[1].address: 0.0.0.0:8000 is"
                + " taken by listener \"ingress\" too")),
        new Defect("cluster defined twice", front, front, "- name: cart\n", "- name: catalog\n",
            List.of("static_resources.clusters[1].name: cluster \"catalog\" is defined twice",
                "route.cluster: no cluster named \"cart\"")),
        new Defect("STATIC cluster with a host name", s2s, s2s, "address: 10.20.0.11", "address: payments-1.internal",
            List.of("a STATIC cluster needs an IP address, not \"payments-1.internal\" (use STRICT_DNS)")),
        new Defect("tracer collector cluster missing", "tracing-zipkin.yaml", "tracing-zipkin.yaml",
            "collector_cluster: zipkin", "collector_cluster: zipkn",
            List.of("tracing.provider.typed_config.collector_cluster: no cluster named \"zipkn\" among the static"
                + " clusters (a static listener is built before CDS loads) (did you mean \"zipkin\"?)")),
        new Defect("basic_auth user with an $apr1$ hash", front, front, "ops:{SHA}p7rw65mRk2f7BMPFva0PnJ3tAyU=",
            "ops:$apr1$r31.....$HqJZimcKQFAMYayBlzkrA/", List.of("users.inline_string: line 3: user 'ops' has an"
                + " unsupported hash; Envoy accepts only {SHA}")));
  }

  /** Breaks of bent's layout policy: Envoy loads them, {@code --profile bent} refuses them. */
  static List<Defect> policy() {
    String s2s = "service-to-service.yaml";
    String front = "front-proxy.yaml";
    return List.of(
        new Defect("admin not on loopback", front, front, "{address: 127.0.0.1, port_value: 9901}",
            "{address: 0.0.0.0, port_value: 9901}", List.of("admin.address: admin must listen on loopback, not 0.0.0.0"
                + " [bent layout]")),
        new Defect("node without id", "ext-authz.yaml", "ext-authz.yaml", "id: authz-front", "id: \"\"",
            List.of("node: node.id and node.cluster must be set in the bootstrap [bent layout]")),
        new Defect("admin routed for every path", s2s, s2s, "match: {path: /stats/prometheus}", "match: {prefix: /}",
            List.of("static_resources.listeners[2].filter_chains[0].filters[0].typed_config.route_config"
                + ".virtual_hosts[0].routes[0].match: routes to the admin interface (cluster \"prometheus_stats\")"
                + " must match only the path /stats/prometheus")));
  }
}
