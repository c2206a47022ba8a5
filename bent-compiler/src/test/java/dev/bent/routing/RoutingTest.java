package dev.bent.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostic;
import dev.bent.validate.StrictParser;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.type.v3.FractionalPercent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Translation of each match and action kind of a route, and the route defaults. */
class RoutingTest {
  static final String NODES = """
      nodes:
        app:
        - name: app.svc
          endpoints: [{address: 10.0.0.1, port: 80}]
        v1:
        - name: r-v1.svc
          endpoints: [{address: 10.0.1.1, port: 80}]
        v2:
        - name: r-v2.svc
          endpoints: [{address: 10.0.1.2, port: 80}]
      """;

  /** A mesh whose virtual service r.svc has the given routes (YAML list items, indented 2). */
  static String mesh(String annotations, String routes) {
    return "services:\n- name: r.svc\n" + annotations + "  routes:\n" + routes + NODES;
  }

  static List<Route> routes(String yaml) throws Exception {
    Compiler.Compilation c = Meshes.compile(yaml);
    RouteConfiguration egress = (RouteConfiguration) StrictParser.create()
        .parseDiscoveryResources(Meshes.text(c, "app", "rds/egress.yaml"), StrictParser.Format.YAML).get(0);
    VirtualHost host = egress.getVirtualHostsList().stream().filter(v -> v.getName().equals("r.svc")).findFirst().orElseThrow();
    assertEquals(List.of("r.svc"), host.getDomainsList());
    return host.getRoutesList();
  }

  @Test
  void pathMatchesBecomePrefixPathAndSafeRegex() throws Exception {
    List<Route> routes = routes(mesh("", """
          - {match: {path: /exact}, to: r-v1.svc}
          - {match: {regex: "/items/[0-9]+"}, to: r-v2.svc}
          - {match: {prefix: /}, to: r-v1.svc}
        """));
    assertEquals("/exact", routes.get(0).getMatch().getPath());
    assertEquals("/items/[0-9]+", routes.get(1).getMatch().getSafeRegex().getRegex());
    assertFalse(routes.get(1).getMatch().getSafeRegex().hasGoogleRe2(), "the engine is Envoy's default since 1.24");
    assertEquals("/", routes.get(2).getMatch().getPrefix());
  }

  @Test
  void headerMatchesCoverExactPrefixRegexPresentAndAbsent() throws Exception {
    List<Route> routes = routes(mesh("", """
          - match:
              prefix: /
              headers:
                X-Canary: "true"
                x-team: {prefix: pay}
                x-id: {regex: "[a-f0-9]{8}"}
                x-debug: {present: true}
                x-legacy: {absent: true}
              methods: [PUT]
            to: r-v2.svc
          - {match: {prefix: /}, to: r-v1.svc}
        """));
    List<HeaderMatcher> headers = routes.get(0).getMatch().getHeadersList();
    assertEquals("x-canary", headers.get(0).getName(), "header names are matched in lower case, as Envoy does");
    assertEquals("true", headers.get(0).getStringMatch().getExact());
    assertEquals("pay", headers.get(1).getStringMatch().getPrefix());
    assertEquals("[a-f0-9]{8}", headers.get(2).getStringMatch().getSafeRegex().getRegex());
    assertTrue(headers.get(3).getPresentMatch() && !headers.get(3).getInvertMatch());
    assertTrue(headers.get(4).getPresentMatch() && headers.get(4).getInvertMatch());
    assertEquals(":method", headers.get(5).getName());
    assertEquals("PUT", headers.get(5).getStringMatch().getExact());
  }

  @Test
  void queryParametersAndSeveralMethodsAreMatched() throws Exception {
    List<Route> routes = routes(mesh("", """
          - match:
              prefix: /
              query: {v: "2", tag: {prefix: beta}, id: {regex: "[0-9]+"}, debug: {present: true}}
              methods: [GET, HEAD]
            to: r-v2.svc
          - {match: {prefix: /}, to: r-v1.svc}
        """));
    var query = routes.get(0).getMatch().getQueryParametersList();
    assertEquals("2", query.get(0).getStringMatch().getExact());
    assertEquals("beta", query.get(1).getStringMatch().getPrefix());
    assertEquals("[0-9]+", query.get(2).getStringMatch().getSafeRegex().getRegex());
    assertTrue(query.get(3).getPresentMatch());
    assertEquals("GET|HEAD", routes.get(0).getMatch().getHeaders(0).getStringMatch().getSafeRegex().getRegex());
  }

  @Test
  void oneTargetIsAClusterWithItsNameAsHost() throws Exception {
    RouteAction action = routes(mesh("", "  - {match: {prefix: /}, to: r-v1.svc}\n")).get(0).getRoute();
    assertEquals("r-v1.svc", action.getCluster());
    assertEquals("r-v1.svc", action.getHostRewriteLiteral());
    assertFalse(action.hasTimeout(), "no timeout written anywhere: Envoy's default");
  }

  @Test
  void splitIsWeightedClustersWithoutTotalWeight() throws Exception {
    RouteAction action = routes(mesh("", """
          - match: {prefix: /}
            split: [{service: r-v1.svc, weight: 3}, {service: r-v2.svc, weight: 1}]
        """)).get(0).getRoute();
    var clusters = action.getWeightedClusters().getClustersList();
    assertEquals(List.of("r-v1.svc", "r-v2.svc"), clusters.stream().map(c -> c.getName()).toList());
    assertEquals(List.of(3, 1), clusters.stream().map(c -> c.getWeight().getValue()).toList());
    assertEquals("r-v2.svc", clusters.get(1).getHostRewriteLiteral());
    assertFalse(action.getWeightedClusters().hasTotalWeight(), "total_weight is deprecated; the sum is used");
  }

  @Test
  void mirrorPercentIsPerHundredOrPerMillion() throws Exception {
    List<Route> routes = routes(mesh("", """
          - {match: {prefix: /a}, to: r-v1.svc, mirror: {service: r-v2.svc, percent: 5}}
          - {match: {prefix: /b}, to: r-v1.svc, mirror: {service: r-v2.svc, percent: 0.25}}
          - {match: {prefix: /}, to: r-v1.svc, mirror: {service: r-v2.svc}}
        """));
    FractionalPercent whole = routes.get(0).getRoute().getRequestMirrorPolicies(0).getRuntimeFraction().getDefaultValue();
    assertEquals(5, whole.getNumerator());
    assertEquals(FractionalPercent.DenominatorType.HUNDRED, whole.getDenominator());
    FractionalPercent part = routes.get(1).getRoute().getRequestMirrorPolicies(0).getRuntimeFraction().getDefaultValue();
    assertEquals(2500, part.getNumerator());
    assertEquals(FractionalPercent.DenominatorType.MILLION, part.getDenominator());
    assertEquals(100, routes.get(2).getRoute().getRequestMirrorPolicies(0).getRuntimeFraction().getDefaultValue().getNumerator());
    assertEquals("r-v2.svc", routes.get(2).getRoute().getRequestMirrorPolicies(0).getCluster());
  }

  @Test
  void prefixRewriteIsWritten() throws Exception {
    RouteAction action = routes(mesh("", "  - {match: {prefix: /old/}, to: r-v1.svc, rewrite: {prefix: /new/}}\n"))
        .get(0).getRoute();
    assertEquals("/new/", action.getPrefixRewrite());
  }

  @Test
  void routeValuesOverrideTheServiceAnnotationsWhichAreTheDefaults() throws Exception {
    List<Route> routes = routes(mesh("  annotations: {timeout: 3s, num-retries: 4}\n", """
          - {match: {prefix: /fast}, to: r-v1.svc, timeout: 250ms, retry-on: reset}
          - {match: {prefix: /}, to: r-v1.svc}
        """));
    RouteAction fast = routes.get(0).getRoute();
    assertEquals(250_000_000, fast.getTimeout().getNanos());
    assertEquals(4, fast.getRetryPolicy().getNumRetries().getValue());
    assertEquals("reset", fast.getRetryPolicy().getRetryOn());
    RouteAction rest = routes.get(1).getRoute();
    assertEquals(3, rest.getTimeout().getSeconds());
    assertEquals("5xx,connect-failure,refused-stream,reset", rest.getRetryPolicy().getRetryOn());
  }

  @Test
  void virtualServiceHasNoClusterAndTargetsKeepTheirOwnPolicy() {
    Compiler.Compilation c = Meshes.compile(mesh("", "  - {match: {prefix: /}, to: r-v1.svc}\n").replace(
        "name: r-v1.svc\n", "name: r-v1.svc\n    annotations: {outlier.consecutive-5xx: 7}\n"));
    String cds = Meshes.text(c, "app", "cds.yaml");
    assertFalse(cds.contains("name: r.svc"), cds);
    assertTrue(cds.contains("consecutive_5xx: 7"), cds);
    assertTrue(c.warnings().stream().noneMatch(Diagnostic::isError));
  }

  @Test
  void routedServiceWithEndpointsKeepsItsClusterAndMayRouteToItself() throws Exception {
    String yaml = """
        services:
        - name: r-v1.svc
          routes:
          - {match: {prefix: /beta}, to: r-v2.svc}
          - {match: {prefix: /}, to: r-v1.svc}
        """ + NODES;
    Compiler.Compilation c = Meshes.compile(yaml);
    RouteConfiguration egress = (RouteConfiguration) StrictParser.create()
        .parseDiscoveryResources(Meshes.text(c, "app", "rds/egress.yaml"), StrictParser.Format.YAML).get(0);
    VirtualHost v1 = egress.getVirtualHostsList().stream().filter(v -> v.getName().equals("r-v1.svc")).findFirst().orElseThrow();
    assertEquals("r-v1.svc", v1.getRoutes(1).getRoute().getCluster());
    assertTrue(Meshes.text(c, "app", "cds.yaml").contains("name: r-v1.svc"));
  }

  @Test
  void everyNodeAndTheGatewayGetTheSameRoutes() {
    String yaml = "mesh:\n  gateways: [{node: app, port: 8080, basicAuth: {htpasswd: x}}]\n"
        + mesh("", "  - {match: {prefix: /}, to: r-v1.svc}\n");
    Compiler.Compilation c;
    try {
      java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bent-routes");
      java.nio.file.Files.writeString(dir.resolve("x"), "jimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA=\n");
      java.nio.file.Files.writeString(dir.resolve("mesh.yaml"), yaml);
      c = Compiler.compileFile(dir.resolve("mesh.yaml"), List.of(), n -> "/etc/envoy/" + n);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String routed = "host_rewrite_literal: r-v1.svc";
    for (String node : List.of("app", "v1", "v2")) {
      assertTrue(Meshes.text(c, node, "rds/egress.yaml").contains(routed), node);
    }
    assertTrue(Meshes.text(c, "app", "rds/gateway.yaml").contains(routed));
  }

  @Test
  void readmeRouteExampleCompiles() throws Exception {
    String readme = java.nio.file.Files.readString(Meshes.projectRoot().resolve("README.md"));
    int section = readme.indexOf("### Routes");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    Compiler.Compilation c = Meshes.compile(example);
    assertTrue(Meshes.text(c, "reviews-v1", "rds/egress.yaml").contains("request_mirror_policies"));
  }
}
