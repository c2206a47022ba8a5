package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing sample's output passes bent validate, node by node, as a user would run it. */
class RoutingOutputValidatesTest {
  @TempDir Path tmp;

  @Test
  void everyNodeOfTheRoutingSampleIsValidForEnvoy() {
    Path out = tmp.resolve("out");
    String mesh = Meshes.projectRoot().resolve("samples/routing.yaml").toString();
    CliRun compile = CliRun.of("compile", "-c", mesh, "-o", out.toString(), "--envoy-dir", "/etc/envoy");
    assertEquals(0, compile.exitCode(), compile.toString());
    for (String node : List.of("edge", "productpage", "reviews-v1", "reviews-v2", "reviews-v3")) {
      CliRun validate = CliRun.of("validate", "--profile", "bent", out.resolve(node).toString());
      assertEquals(0, validate.exitCode(), validate.toString());
      assertTrue(validate.err().contains(": valid"), validate.toString());
    }
  }

  @Test
  void aMirrorToAClusterThatIsNotThereIsFound() throws Exception {
    Path out = tmp.resolve("out");
    String mesh = Meshes.projectRoot().resolve("samples/routing.yaml").toString();
    assertEquals(0, CliRun.of("compile", "-c", mesh, "-o", out.toString(), "--envoy-dir", "/etc/envoy").exitCode());
    Path node = tmp.resolve("copy");
    java.nio.file.Files.createDirectories(node.resolve("rds"));
    for (String file : List.of("bootstrap.yaml", "lds.yaml", "cds.yaml", "rds/ingress.yaml", "rds/egress.yaml")) {
      String text = java.nio.file.Files.readString(out.resolve("productpage").resolve(file));
      java.nio.file.Files.writeString(node.resolve(file), file.equals("rds/egress.yaml")
          ? text.replace("- cluster: reviews-v3.svc", "- cluster: reviews-v4.svc") : text);
    }
    CliRun lenient = CliRun.of("validate", node.toString());
    assertEquals(0, lenient.exitCode(), lenient.toString());
    assertTrue(lenient.toString().contains("no cluster named \"reviews-v4.svc\" (did you mean \"reviews-v1.svc\"?);"
        + " Envoy loads it and mirrors nothing"), lenient.toString());
    CliRun validate = CliRun.of("validate", "--profile", "bent", node.toString());
    assertTrue(validate.exitCode() != 0, validate.toString());
    assertTrue(validate.toString().contains("request_mirror_policies[0].cluster: no cluster named \"reviews-v4.svc\""),
        validate.toString());
  }
}
