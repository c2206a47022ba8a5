package dev.bent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.resolve.AnnotationReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExplainAndSchemaTest {
  static final Path ROOT = Meshes.projectRoot();

  @Test
  void explainShowsRoutesEndpointsWeightsAndWhereValuesCameFrom() {
    String text = Compiler.explain(ROOT.resolve("samples/compose-config.yaml"), "beta");
    assertTrue(text.startsWith("node beta\n"), text);
    assertTrue(text.contains("    beta.svc -> beta.svc\n      10.123.0.21:4100 weight 95\n      10.123.0.22:4100 weight 5\n"), text);
    assertTrue(text.contains("    beta.svc -> local_beta.svc\n      10.123.0.21:3000 weight 95\n"), text);
    assertTrue(text.contains("fault: abort with 583 for 5%"), text);
    assertTrue(text.contains("    fault.abort.code = 583  (" + ROOT.resolve("samples/compose-config.yaml") + ":17:11)\n"),
        text);
  }

  @Test
  void explainShowsTheKeysOfFeaturesThatAreOffAsOff() {
    String beta = Compiler.explain(ROOT.resolve("samples/compose-config.yaml"), "beta");
    assertTrue(beta.contains("    healthcheck.path = off  (health checking is off)\n"), beta);
    assertTrue(beta.contains("    outlier.consecutive-5xx = off  (outlier detection is off)\n"), beta);
    assertTrue(beta.contains("    num-retries = off  (retries are off)\n"), beta);
    assertTrue(beta.contains("    timeout = 15000 (15s, Envoy)  (default)\n"), beta);
    String zeta = Compiler.explain(ROOT.resolve("samples/compose-config.yaml"), "zeta");
    assertTrue(zeta.contains("    fault.delay.duration = off  (no delay fault)\n"), zeta);
  }

  @Test
  void explainShowsDefaultsOfFeaturesThatAreOnAsDefaults() {
    String delta = Compiler.explain(ROOT.resolve("samples/compose-config.yaml"), "delta");
    assertTrue(delta.contains("    healthcheck.path = /XXXXXXXXXXXXXX  ("), delta);
    assertTrue(delta.contains("    healthcheck.interval = 10000 (10s)  (default)\n"), delta);
  }

  @Test
  void explainShowsEachRouteItsMatchTargetsWeightsAndWhereValuesCameFrom() {
    String text = Compiler.explain(ROOT.resolve("samples/routing.yaml"), "productpage");
    String routes = """
            reviews.svc (virtual service) -> by route, first match wins
              route 1: prefix /api/, header x-canary = "true", method GET or HEAD  (ROUTING:24:5)
                -> reviews-v2.svc (Host reviews-v2.svc)
                timeout 3s, no retries
                  timeout = 3s  (ROUTING:22:5)
        """.replace("ROUTING", ROOT.resolve("samples/routing.yaml").toString());
    assertTrue(text.contains(routes), text);
    assertTrue(text.contains("route 2: prefix /v1/, query debug present"), text);
    assertTrue(text.contains("        prefix rewritten to /\n"), text);
    assertTrue(text.contains("-> reviews-v1.svc weight 90 (90%), reviews-v2.svc weight 10 (10%)"), text);
    assertTrue(text.contains("mirror 5% to reviews-v3.svc"), text);
    assertTrue(text.contains("        timeout 2s, retry 2x on 5xx,reset\n"), text);
    assertTrue(text.contains("routing.yaml:39:5)"), text);
    String routeSection = text.substring(text.indexOf("reviews.svc (virtual"), text.indexOf("listener ingress"));
    assertTrue(!routeSection.contains("enable-retry = "), "values left at their defaults are not listed per route");
    assertTrue(!text.contains("404"), "the last route catches every request");
    String v3 = Compiler.explain(ROOT.resolve("samples/routing.yaml"), "reviews-v3");
    assertTrue(v3.contains("also answers Host reviews-v1.svc-shadow, reviews-v2.svc-shadow, reviews.svc-shadow"), v3);
  }

  @Test
  void explainSaysThatARequestNoRouteMatchesIsA404() {
    String text = Meshes.compile("services:\n- name: r.svc\n  routes: [{match: {path: /a}, to: a.svc}]\n"
        + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n") == null ? "" : explain();
    assertTrue(text.contains("      any other request: 404 (no route matches)\n"), text);
  }

  private static String explain() {
    try {
      Path dir = Files.createTempDirectory("bent-explain");
      Path mesh = dir.resolve("mesh.yaml");
      Files.writeString(mesh, "services:\n- name: r.svc\n  routes: [{match: {path: /a}, to: a.svc}]\n"
          + "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n");
      return Compiler.explain(mesh, "a");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void explainNamesMeshSettings() {
    String text = Compiler.explain(ROOT.resolve("samples/custom-ports.yaml"), "web-1");
    assertTrue(text.contains("listener egress 0.0.0.0:15001  (mesh setting)"), text);
    assertTrue(text.contains("health-checked on port 9000"), text);
  }

  @Test
  void readmeAnnotationTableIsTheOneTheCodeMakes() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    assertTrue(readme.contains(AnnotationReference.markdown()),
        "README.md must contain the table printed by AnnotationReference.markdown()");
  }
}
