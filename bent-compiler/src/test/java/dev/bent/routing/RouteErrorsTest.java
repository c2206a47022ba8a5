package dev.bent.routing;

import static dev.bent.routing.RoutingTest.NODES;
import static dev.bent.routing.RoutingTest.mesh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule a route must follow, reported with the place it was broken. */
class RouteErrorsTest {
  private static void error(String yaml, String expected) {
    List<String> errors = Meshes.errors(yaml);
    assertTrue(errors.stream().anyMatch(e -> e.equals(expected)), () -> String.join("\n", errors));
  }

  private static List<String> warnings(String yaml) {
    Compiler.Compilation c = Meshes.compile(yaml);
    return c.warnings().stream().filter(d -> !d.isError()).map(Diagnostic::toString).toList();
  }

  @Test
  void unknownTargetIsAnErrorWithLineAndSuggestion() {
    error(mesh("", "  - {match: {prefix: /}, to: r-v3.svc}\n"),
        "mesh.yaml:4:30: error: route target \"r-v3.svc\" of service \"r.svc\" is not a service of the mesh"
            + " (did you mean \"r-v1.svc\"?)");
  }

  @Test
  void targetThatIsItselfRoutedIsAnErrorSoNoChainOrLoopForms() {
    String yaml = """
        services:
        - name: a.svc
          routes: [{match: {prefix: /}, to: b.svc}]
        - name: b.svc
          routes: [{match: {prefix: /}, to: a.svc}]
        """ + NODES;
    error(yaml, "mesh.yaml:3:37: error: route target \"b.svc\" of service \"a.svc\" has routes of its own;"
        + " routes lead to services that serve requests, not to other routed services (no chains, no loops)");
    error(yaml, "mesh.yaml:5:37: error: route target \"a.svc\" of service \"b.svc\" has routes of its own;"
        + " routes lead to services that serve requests, not to other routed services (no chains, no loops)");
  }

  @Test
  void virtualServiceCannotRouteToItself() {
    error(mesh("", "  - {match: {prefix: /}, to: r.svc}\n"),
        "mesh.yaml:4:30: error: virtual service \"r.svc\" has no endpoints of its own, so its routes cannot"
            + " lead to itself; route to the services that serve it");
  }

  @Test
  void mirrorToUnknownServiceIsAnError() {
    error(mesh("", "  - {match: {prefix: /}, to: r-v1.svc, mirror: {service: nope.svc}}\n"),
        "mesh.yaml:4:48: error: mirror \"nope.svc\" of service \"r.svc\" is not a service of the mesh");
  }

  @Test
  void virtualServiceWithoutRoutesIsAnError() {
    error("services:\n- name: r.svc\n  routes: []\n" + NODES,
        "mesh.yaml:3:11: error: service \"r.svc\" has an empty routes list; give it at least one route"
            + " (match: {prefix: /} takes every request) or remove \"routes\"");
    List<String> invalidOnly = Meshes.errors(mesh("", "  - {match: {prefix: /}, split: [{service: r-v1.svc, weight: 0}]}\n"));
    assertEquals(1, invalidOnly.size(), "a list whose only route is invalid is not reported as empty: " + invalidOnly);
  }

  @Test
  void unknownKeysInRoutesAreErrors() {
    error(mesh("", "  - {match: {prefix: /, header: {a: b}}, to: r-v1.svc, timout: 1s}\n"),
        "mesh.yaml:4:25: error: unknown key \"header\" in match (did you mean \"headers\"?);"
            + " valid keys: headers, methods, path, prefix, query, regex");
    List<String> errors = Meshes.errors(mesh("", "  - {match: {prefix: /}, to: r-v1.svc, timout: 1s}\n"));
    assertTrue(errors.get(0).startsWith("mesh.yaml:4:40: error: unknown key \"timout\" in a route (did you mean \"timeout\"?)"),
        errors.toString());
  }

  @Test
  void invalidRe2IsAnErrorAtItsPlace() {
    List<String> errors = Meshes.errors(mesh("", "  - {match: {regex: \"/(?=a)\"}, to: r-v1.svc}\n"));
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:4:21: error: match.regex is not a valid RE2 regular expression"),
        errors.get(0));
    List<String> header = Meshes.errors(mesh("", "  - {match: {headers: {x: {regex: \"(a\"}}}, to: r-v1.svc}\n"));
    assertTrue(header.get(0).startsWith("mesh.yaml:4:35: error: header \"x\" regex is not a valid RE2 regular expression"),
        header.toString());
  }

  @Test
  void splitRulesAreChecked() {
    error(mesh("", "  - {match: {prefix: /}, split: [{service: r-v1.svc, weight: 0}]}\n"),
        "mesh.yaml:4:62: error: split weight must be a whole number of at least 1, got 0");
    error(mesh("", "  - {match: {prefix: /}, split: []}\n"),
        "mesh.yaml:4:33: error: split needs at least one {service, weight}");
    error(mesh("", "  - {match: {prefix: /}, to: r-v1.svc, split: [{service: r-v2.svc, weight: 1}]}\n"),
        "mesh.yaml:4:5: error: a route needs exactly one of \"to\" (one service) or \"split\" (weighted services)");
    error(mesh("", "  - {match: {prefix: /}, split: [{service: r-v1.svc, weight: 1}, {service: r-v1.svc, weight: 2}]}\n"),
        "mesh.yaml:4:66: error: service \"r-v1.svc\" is split to twice (first at mesh.yaml:4:34);"
            + " give it one entry with the sum of the weights");
  }

  @Test
  void matchShapeRulesAreChecked() {
    error(mesh("", "  - {match: {prefix: /, path: /a}, to: r-v1.svc}\n"),
        "mesh.yaml:4:13: error: match takes one of prefix, path or regex, got prefix and path");
    error(mesh("", "  - {match: {prefix: api}, to: r-v1.svc}\n"),
        "mesh.yaml:4:22: error: match.prefix must start with \"/\", got \"api\"");
    error(mesh("", "  - {match: {methods: [get]}, to: r-v1.svc}\n"),
        "mesh.yaml:4:24: error: method \"get\" must be an upper-case HTTP method such as GET");
    error(mesh("", "  - {match: {query: {a: {absent: true}}}, to: r-v1.svc}\n"),
        "mesh.yaml:4:26: error: unknown key \"absent\" in query parameter \"a\"; valid keys: exact, prefix, present, regex");
    error(mesh("", "  - {match: {regex: /a.*}, to: r-v1.svc, rewrite: {prefix: /b}}\n"),
        "mesh.yaml:4:51: error: rewrite.prefix replaces the matched prefix or path, so it needs match.prefix or"
            + " match.path, not match.regex");
    error(mesh("", "  - {to: r-v1.svc}\n"),
        "mesh.yaml:4:5: error: a route needs \"match\"; write match: {prefix: /} to take every request");
  }

  @Test
  void routeValuesAreCheckedLikeAnnotations() {
    error(mesh("", "  - {match: {prefix: /}, to: r-v1.svc, timeout: soon}\n"),
        "mesh.yaml:4:40: error: timeout must be a duration (milliseconds such as \"250\", or \"250ms\", \"1.5s\", \"1m\"), got \"soon\"");
  }

  @Test
  void routesUnderANodeAreAnError() {
    String yaml = NODES + "  w:\n  - name: w.svc\n    routes: []\n    endpoints: [{address: 10.0.0.9, port: 80}]\n";
    error(yaml, "mesh.yaml:13:5: error: routes belong to the service, not to one node:"
        + " write them on the service's entry under \"services:\"");
  }

  @Test
  void targetWithoutEndpointsIsOnlyAWarning() {
    String yaml = "services:\n- name: r-v3.svc\n" + mesh("", "  - {match: {prefix: /}, to: r-v3.svc}\n").substring("services:\n".length());
    List<String> warnings = warnings(yaml);
    assertTrue(warnings.contains("mesh.yaml:5:30: warning: route target \"r-v3.svc\" of service \"r.svc\" has no"
        + " endpoints now; requests routed to it fail with 503 until it has some"), warnings.toString());
  }

  @Test
  void routeAfterACatchAllIsUnreachableWarning() {
    List<String> warnings = warnings(mesh("", """
          - {match: {prefix: /}, to: r-v1.svc}
          - {match: {prefix: /b}, to: r-v2.svc}
        """));
    assertEquals(List.of("mesh.yaml:5:5: warning: this route of service \"r.svc\" can never match: the route at"
        + " mesh.yaml:4:5 takes every request before it"), warnings);
  }

  @Test
  void clusterAnnotationOnAVirtualServiceIsAWarning() {
    List<String> warnings = warnings(mesh("  annotations: {healthcheck.path: /h, timeout: 2s}\n",
        "  - {match: {prefix: /}, to: r-v1.svc}\n"));
    assertEquals(List.of("mesh.yaml:3:17: warning: annotation \"healthcheck.path\" has no effect on virtual service"
        + " \"r.svc\": it has no cluster; set it on the services its routes lead to (only timeout and retry keys"
        + " apply here, as defaults of its routes)"), warnings);
  }

  @Test
  void twoMirrorTargetsOnOneNodeThatShareAShadowHostAreAnError() {
    String yaml = """
        services:
        - name: r.svc
          routes:
          - {match: {prefix: /a}, to: r-v1.svc, mirror: {service: m1.svc}}
          - {match: {prefix: /}, to: r-v1.svc, mirror: {service: m2.svc}}
        """ + NODES + """
          m:
          - name: m1.svc
            endpoints: [{address: 10.0.2.1, port: 80}]
          - name: m2.svc
            endpoints: [{address: 10.0.2.1, port: 81}]
        """;
    error(yaml, "mesh.yaml:16:3: error: node \"m\" serves both \"m1.svc\" and \"m2.svc\", and both receive mirrored"
        + " requests with Host \"r-v1.svc-shadow\"; its ingress cannot tell them apart, so mirror to services on"
        + " different nodes");
  }

  @Test
  void splitOfAnnotationsBuildTheSplitAndMustNotFightWrittenRoutes() {
    String shares = NODES.replace("name: r-v1.svc\n", "name: r-v1.svc\n    annotations: {split-of: r.svc=9}\n")
        .replace("name: r-v2.svc\n", "name: r-v2.svc\n    annotations: {split-of: r.svc=1}\n");
    String egress = Meshes.text(Meshes.compile(shares), "app", "rds/egress.yaml");
    assertTrue(egress.contains("weight: 9") && egress.contains("weight: 1") && egress.contains("- name: r.svc"), egress);
    error("services:\n- name: r.svc\n  routes: [{match: {prefix: /}, to: r-v1.svc}]\n" + shares,
        "mesh.yaml:10:19: error: split-of makes \"r.svc\" split by weight, but it has routes at mesh.yaml:2:3;"
            + " put the split in its routes or use split-of, not both");
    error(NODES.replace("name: r-v1.svc\n", "name: r-v1.svc\n    annotations: {split-of: r-v1.svc=9}\n"),
        "mesh.yaml:7:19: error: service \"r-v1.svc\" cannot be a share of its own split");
    error(NODES.replace("name: r-v1.svc\n", "name: r-v1.svc\n    annotations: {split-of: r.svc}\n"),
        "mesh.yaml:7:19: error: split-of must be <virtual service>=<weight>, such as \"reviews.svc=10\", got \"r.svc\"");
  }
}
