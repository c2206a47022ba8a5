package dev.bent.validate;

import dev.bent.validate.EnvoyExamplesTest.Defect;
import java.util.ArrayList;
import java.util.List;

/** One-defect variants of the Envoy examples, one per kind of protoc-gen-validate rule or mark. */
final class FieldRuleDefects {
  private FieldRuleDefects() {}

  static List<Defect> all() {
    List<Defect> all = new ArrayList<>(values());
    all.addAll(messages());
    return all;
  }

  /** Rules on numbers, strings and required durations. */
  static List<Defect> values() {
    String s2s = "service-to-service.yaml";
    return List.of(
        new Defect("uint32.gte: endpoint weight 0", s2s, s2s, "load_balancing_weight: 10", "load_balancing_weight: 0",
            List.of("service-to-service.yaml: error: static_resources.clusters[1].load_assignment.endpoints[0]"
                + ".lb_endpoints[1].load_balancing_weight: must be at least 1, got 0 [uint32.gte]")),
        new Defect("uint32.lte: port above 65535", "front-proxy.yaml", "front-proxy.yaml", "port_value: 8080}",
            "port_value: 80800}", List.of("static_resources.listeners[0].address.socket_address.port_value:"
                + " must be at most 65535, got 80800 [uint32.lte]")),
        new Defect("uint32.lt: abort status 600", s2s, s2s, "http_status: 503", "http_status: 600",
            List.of("typed_config.http_filters[0].typed_config.abort.http_status: must be inside range [200, 600),"
                + " got 600 [uint32.lt]")),
        new Defect("string.min_len: empty stat_prefix", "front-proxy.yaml", "front-proxy.yaml",
            "stat_prefix: public_http", "stat_prefix: \"\"", List.of("typed_config.stat_prefix: must be at least 1 characters long, got \"\" [string.min_len]")),
        new Defect("duration.required: health check without timeout", s2s, s2s, "- timeout: 2s\n      interval",
            "- interval", List.of("static_resources.clusters[1].health_checks[0].timeout: is required [duration.required]")));
  }

  /** Rules on messages, durations, oneofs, enums and lists, and deprecation marks. */
  static List<Defect> messages() {
    String s2s = "service-to-service.yaml";
    return List.of(
        new Defect("message.required: route without match", "front-proxy.yaml", "front-proxy.yaml",
            "- match: {prefix: /catalog/}\n                route: {cluster: catalog",
            "- route: {cluster: catalog", List.of("route_config.virtual_hosts[0].routes[0].match: is required"
                + " [message.required]")),
        new Defect("duration.gt: zero fault delay", s2s, s2s, "fixed_delay: 0.150s", "fixed_delay: 0s",
            List.of("typed_config.delay.fixed_delay: must be greater than 0s, got 0s [duration.gt]")),
        new Defect("oneof.required: gRPC service without target", "ext-authz.yaml", "ext-authz.yaml",
            "envoy_grpc: {cluster_name: authz}", "initial_metadata: []",
            List.of("typed_config.grpc_service.target_specifier: one field of oneof target_specifier must be set"
                + " [oneof.required]")),
        new Defect("enum.defined_only: unknown load balancer number", "front-proxy.yaml", "front-proxy.yaml",
            "lb_policy: ROUND_ROBIN", "lb_policy: 42", List.of("static_resources.clusters[0].lb_policy: must be a value defined in"
                + " envoy.config.cluster.v3.Cluster.LbPolicy, got 42 [enum.defined_only]")),
        new Defect("repeated.min_items: virtual host without domains", "jwt-authn.yaml", "jwt-authn.yaml",
            "domains: [\"*\"]", "domains: []", List.of("virtual_hosts[0].domains: must have at least 1 items, got 0"
                + " [repeated.min_items]")),
        new Defect("deprecated.disallowed: Zipkin's default collector version", "tracing-zipkin.yaml",
            "tracing-zipkin.yaml", "collector_endpoint_version: HTTP_JSON", "shared_span_context: false",
            List.of("typed_config.collector_endpoint_version: default value DEPRECATED_AND_UNAVAILABLE_DO_NOT_USE"
                + " of envoy.config.trace.v3.ZipkinConfig.CollectorEndpointVersion is deprecated and disallowed by"
                + " default; set a non-default value explicitly [deprecated.disallowed]")),
        new Defect("string.min_len through Any: JWKS cluster empty", "jwt-authn.yaml", "jwt-authn.yaml",
            "cluster: jwks\n", "cluster: \"\"\n", List.of("providers[\"issuer_example\"].remote_jwks.http_uri.cluster: must be at least 1 characters"
                + " long, got \"\" [string.min_len]")));
  }
}
