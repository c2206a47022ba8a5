package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Envoy configurations under src/test/resources/envoy (written for these tests in the style of
 * Envoy's documented examples) validate cleanly, and each one-defect variant of them is rejected
 * with the message of the rule it breaks, and only that.
 */
class EnvoyExamplesTest {
  @TempDir Path tmp;

  /** One defect: in a copy of the examples, {@code from} (found once) in {@code file} becomes {@code to}. */
  record Defect(String rule, String target, String file, String from, String to, List<String> expected) {
    @Override
    public String toString() {
      return rule;
    }
  }

  static Path examples() throws URISyntaxException {
    return Path.of(EnvoyExamplesTest.class.getResource("/envoy").toURI());
  }

  @ParameterizedTest
  @ValueSource(strings = {"front-proxy.yaml", "service-to-service.yaml", "dynamic-fs", "tracing-zipkin.yaml",
      "ext-authz.yaml", "jwt-authn.yaml", "dynamic-fs/cds.json", "dynamic-fs/rds/edge_routes.yaml"})
  void exampleIsValidWithoutWarnings(String example) throws Exception {
    ConfigValidator.Report report = ConfigValidator.validate(examples().resolve(example));
    assertEquals(List.of(), report.diagnostics().stream().map(Diagnostic::toString).toList());
    assertTrue(report.files().size() >= 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void defectIsRejectedWithItsRule(Defect defect) throws Exception {
    assertRejected(defect, errorsOf(defect, Profile.ENVOY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policyDefects")
  void layoutDefectIsRejectedOnlyUnderTheBentProfile(Defect defect) throws Exception {
    assertEquals(List.of(), errorsOf(defect, Profile.ENVOY));
    assertRejected(defect, errorsOf(defect, Profile.BENT));
  }

  @Test
  void rdsRouteToAMissingClusterIsAWarning() throws Exception {
    Defect defect = new Defect("RDS route to an unknown cluster", "dynamic-fs", "dynamic-fs/rds/edge_routes.yaml",
        "cluster: api,", "cluster: apj,", List.of());
    assertEquals(List.of(), errorsOf(defect, Profile.ENVOY));
    ConfigValidator.Report report = ConfigValidator.validate(tmp.resolve("envoy/dynamic-fs"));
    assertEquals(1, report.warningCount(), report.diagnostics()::toString);
    assertTrue(report.diagnostics().get(0).toString().endsWith("resources[0].virtual_hosts[1].routes[0].route.cluster:"
        + " no cluster named \"apj\" (did you mean \"api\"?); Envoy loads it (validate_clusters is false, the"
        + " default for RDS) and the route answers 503"), report.diagnostics()::toString);
    assertEquals(List.of("resources[0].virtual_hosts[1].routes[0].route.cluster: no cluster named \"apj\" (did you"
        + " mean \"api\"?); Envoy would load it and answer 503, bent's output never routes to a missing cluster"
        + " [bent layout]"), errorsOf(defect, Profile.BENT).stream().map(e -> e.substring(e.indexOf("resources[0]")))
        .toList());
  }

  /** Applies {@code defect} to a copy of the examples and returns the errors of validating its target. */
  private List<String> errorsOf(Defect defect, Profile profile) throws Exception {
    Path copy = tmp.resolve("envoy");
    if (!Files.exists(copy)) {
      dev.bent.TempTrees.copy(examples(), copy);
      Path file = copy.resolve(defect.file());
      String text = Files.readString(file);
      int at = text.indexOf(defect.from());
      assertTrue(at >= 0 && text.indexOf(defect.from(), at + 1) < 0, "edit must match exactly once: " + defect.from());
      Files.writeString(file, text.replace(defect.from(), defect.to()));
    }
    ConfigValidator.Report report = ConfigValidator.validate(copy.resolve(defect.target()), profile);
    return report.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
  }

  private static void assertRejected(Defect defect, List<String> errors) {
    assertEquals(defect.expected().size(), errors.size(), () -> "errors: " + errors);
    for (String expected : defect.expected()) {
      assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), () -> "no \"" + expected + "\" in " + errors);
    }
  }

  @Test
  void subscriptionWithoutWatchedDirectoryIsOnlyAWarning() throws Exception {
    Path copy = tmp.resolve("envoy");
    dev.bent.TempTrees.copy(examples(), copy);
    Path file = copy.resolve("dynamic-fs/bootstrap.yaml");
    String text = Files.readString(file);
    String watched = "path: /var/lib/envoy/lds.yaml\n      watched_directory: {path: /var/lib/envoy}";
    assertTrue(text.contains(watched));
    Files.writeString(file, text.replace(watched, "path: /var/lib/envoy/lds.yaml"));
    ConfigValidator.Report report = ConfigValidator.validate(copy.resolve("dynamic-fs"));
    assertTrue(report.valid(), report.diagnostics().toString());
    assertEquals(List.of("dynamic-fs/bootstrap.yaml: warning: dynamic_resources.lds_config.path_config_source"
        + ".watched_directory: not set, so only a rename onto this very file reloads it, and the files of a node"
        + " do not change together"),
        report.diagnostics().stream().map(d -> d.toString().substring(d.toString().indexOf("dynamic-fs/"))).toList());
  }

  @Test
  void formsEnvoyAcceptsButStrictJsonRefusesAreWarnings() throws Exception {
    Path copy = tmp.resolve("envoy");
    dev.bent.TempTrees.copy(examples(), copy);
    Path file = copy.resolve("tracing-zipkin.yaml");
    Files.writeString(file, Files.readString(file)
        .replace("collector_endpoint_version: HTTP_JSON", "collector_endpoint_version: http_json")
        .replace("routes:\n              - match: {prefix: /}\n                route: {cluster: app}\n"
            + "                decorator: {operation: app-request}",
            "routes:\n                match: {prefix: /}\n                route: {cluster: app}"));

    ConfigValidator.Report report = ConfigValidator.validate(file);
    List<String> lines = report.diagnostics().stream().map(Diagnostic::toString).toList();
    assertTrue(report.valid(), () -> lines.toString());
    assertEquals(2, report.warningCount(), () -> lines.toString());
    assertTrue(lines.get(1).endsWith("virtual_hosts[0].routes: a single object where a list is expected; Envoy"
        + " accepts it, but write a list"), lines.get(1));
    assertTrue(lines.get(0).endsWith("collector_endpoint_version: enum value \"http_json\" is accepted by Envoy in any"
        + " letter case, but write HTTP_JSON"), lines.get(0));
  }

  static Stream<Defect> policyDefects() {
    return NodeDefects.policy().stream();
  }

  static Stream<Defect> defects() {
    return Stream.of(FieldRuleDefects.all(), NodeDefects.all(), ParseDefects.all()).flatMap(List::stream);
  }
}
