package dev.bent.cli;

import java.util.List;

/** One-defect variants of the corpus configurations, each breaking one rule Envoy enforces at load. */
final class CorpusDefects {
  private CorpusDefects() {}

  /**
   * In {@code file} (relative to the corpus), {@code from} (found once) becomes {@code to}; {@code
   * bent validate target} must then fail with one error containing {@code expected}.
   */
  record Defect(String rule, String target, String file, String from, String to, String expected) {
    Defect(String rule, String file, String from, String to, String expected) {
      this(rule, file, file, from, to, expected);
    }

    @Override
    public String toString() {
      return rule;
    }
  }

  static List<Defect> all() {
    return List.of(
        // the four load-time checks added for Envoy's own rules
        new Defect("identical filter_chain_match", "filter-chains-sni.yaml", "server_names: [blog.example.com]",
            "server_names: [shop.example.com]", "multiple filter chains with the same matching rules are defined"),
        new Defect("safe_regex RE2 refuses", "regex-routes.yaml", "regex: \"^(acme|globex)$\"",
            "regex: \"^(acme|globex$\"", "is not a valid RE2 regex: missing closing )"),
        new Defect("regex_rewrite pattern RE2 refuses", "regex-routes.yaml", "regex: \"^/legacy/(.*)$\"",
            "regex: \"^/legacy/(?<x.*)$\"", "(Envoy: \"Invalid regex\")"),
        new Defect("unknown access-log command", "access-log-text.yaml", "%UPSTREAM_HOST%", "%UPSTREAM_HOSTT%",
            "unknown command %UPSTREAM_HOSTT% (did you mean \"UPSTREAM_HOST\"?) (Envoy: \"Not supported field in"
                + " StreamInfo: UPSTREAM_HOSTT\")"),
        new Defect("unknown command in a JSON access log", "access-log-json.yaml", "\"%UPSTREAM_CLUSTER%\"",
            "\"%UPSTREAM_CLUSTR%\"", "json_format[\"upstream\"][\"cluster\"]: unknown command %UPSTREAM_CLUSTR%"),
        new Defect("bare percent sign in an access log", "access-log-text.yaml", "100%% ", "100% ",
            "(Envoy: \"Couldn't find valid command\")"),
        new Defect("HTTP3 codec on a TCP listener", "http3-quic.yaml", "stat_prefix: h2\n",
            "stat_prefix: h2\n          codec_type: HTTP3\n", "(Envoy: \"HTTP/3 codec configured on non-QUIC listener.\")"),
        new Defect("QUIC listener without the HTTP3 codec", "http3-quic.yaml", "codec_type: HTTP3",
            "codec_type: AUTO", "(Envoy: \"Non-HTTP/3 codec configured on QUIC listener.\")"),
        // secrets
        new Defect("SDS file holding another secret", "sds-files", "sds-files/secrets/gateway_cert.yaml",
            "name: gateway_cert", "name: gateway-cert",
            "(Envoy: \"Unexpected SDS secret (expecting gateway_cert): gateway-cert\")"),
        new Defect("SDS file holding two secrets", "sds-files", "sds-files/secrets/gateway_cert.yaml", "resources:\n",
            "resources:\n- {\"@type\": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret, name: spare}\n",
            "(Envoy: \"Unexpected SDS secrets length: 2\")"),
        new Defect("SDS file missing", "sds-files", "sds-files/bootstrap.yaml", "secrets/gateway_cert.yaml",
            "secrets/gateway.yaml", "/etc/envoy/secrets/gateway.yaml does not exist"),
        new Defect("unknown static secret", "static-secrets.yaml", "[{name: server_cert}]", "[{name: server_crt}]",
            "(Envoy: \"Unknown static secret: server_crt\")"),
        // routes and clusters
        new Defect("inline route to a missing cluster", "edge-static.yaml", "cluster: web}", "cluster: webb}",
            "Envoy refuses the route configuration (validate_clusters is true, the default for an inline route_config)"),
        new Defect("weighted route to a missing cluster", "weighted-split.yaml", "{name: reviews_v1, weight: 90}",
            "{name: reviews_v3, weight: 90}", "no cluster named \"reviews_v3\""),
        new Defect("duplicate domain", "weighted-split.yaml", "domains: [\"reviews\", \"reviews:*\"]",
            "domains: [\"reviews\", \"REVIEWS\"]", "(Envoy: \"Only unique values for domains are permitted\")"),
        new Defect("cluster defined twice", "health-and-gzip.yaml", "- name: svc\n    type: STRICT_DNS",
            "- name: svc\n    type: STRICT_DNS\n    connect_timeout: 1s\n    load_assignment: {cluster_name: svc}\n"
                + "  - name: svc\n    type: STRICT_DNS", "cluster \"svc\" is defined twice"),
        new Defect("STATIC cluster with a host name", "edge-static.yaml", "address: 172.20.0.11",
            "address: web-2.internal", "a STATIC cluster needs an IP address"),
        new Defect("endpoint weight zero", "edge-static.yaml",
            "{address: {socket_address: {address: 172.20.0.10, port_value: 8080}}}",
            "{address: {socket_address: {address: 172.20.0.10, port_value: 8080}}}\n          load_balancing_weight: 0",
            "load_balancing_weight: must be at least 1, got 0"),
        // listeners
        new Defect("two listeners on one address", "two-unnamed-listeners.yaml", "{address: 0.0.0.0, port_value: 5432}",
            "{address: 0.0.0.0, port_value: 8080}", "0.0.0.0:8080 is taken by listener"),
        new Defect("two listeners with one name", "http3-quic.yaml", "name: h2\n    address", "name: h3\n    address",
            "listener \"h3\" is defined twice"),
        new Defect("router not last", "lua-filter.yaml", "- name: envoy.filters.http.lua",
            "- name: envoy.filters.http.router\n            typed_config:\n              \"@type\":"
                + " type.googleapis.com/envoy.extensions.filters.http.router.v3.Router\n"
                + "          - name: envoy.filters.http.lua", "the router filter must be the last HTTP filter"),
        // field rules and parsing
        new Defect("duration without its s", "grpc-upstream.yaml", "connect_timeout: 0.5s", "connect_timeout: 500ms",
            "a protobuf JSON duration is seconds with an s suffix, e.g. 0.250s"),
        new Defect("port out of range", "redis-proxy.yaml", "{address: 0.0.0.0, port_value: 6379}",
            "{address: 0.0.0.0, port_value: 70000}",
            "port_value: must be at most 65535, got 70000"),
        new Defect("unknown field", "websocket.yaml", "upgrade_type: websocket", "upgrade: websocket",
            "unknown field \"upgrade\""),
        new Defect("unknown @type", "local-ratelimit.yaml", "local_ratelimit.v3.LocalRateLimit",
            "local_ratelimit.v3.LocalRateLimiter", "unknown \"@type\""),
        new Defect("Zipkin collector missing", "zipkin-tracing.yaml", "collector_cluster: zipkin",
            "collector_cluster: jaeger", "(Envoy's Zipkin driver: \"unknown cluster\")"),
        new Defect("Zipkin's disallowed default endpoint version", "zipkin-tracing.yaml",
            "collector_endpoint_version: HTTP_JSON", "collector_endpoint_version: DEPRECATED_AND_UNAVAILABLE_DO_NOT_USE",
            "collector_endpoint_version"),
        new Defect("health check filter without pass_through_mode", "health-and-gzip.yaml",
            "\n              pass_through_mode: true", "", "pass_through_mode"),
        new Defect("RDS resource named otherwise", "dynamic-rds", "dynamic-rds/rds/shop_routes.yaml",
            "name: shop_routes", "name: shop_route", "(Envoy: \"Unexpected RDS configuration\")"),
        new Defect("LDS file missing", "node-from-command-line", "node-from-command-line/bootstrap.yaml",
            "path: /etc/envoy/lds.yaml", "path: /etc/envoy/listeners.yaml", "/etc/envoy/listeners.yaml does not exist"));
  }
}
