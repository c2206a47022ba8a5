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
