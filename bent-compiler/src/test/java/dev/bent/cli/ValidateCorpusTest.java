package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bent validate} over src/test/resources/envoy/corpus: configurations in the shapes of
 * Envoy's sandboxes, each valid as Envoy judges it (exit 0, warnings allowed), and one-defect
 * variants of them (exit 1, the broken rule named in the output).
 */
class ValidateCorpusTest {
  @TempDir Path tmp;

  static Path corpus() throws URISyntaxException {
    return Path.of(ValidateCorpusTest.class.getResource("/envoy/corpus").toURI());
  }

  /** Every configuration of the corpus: YAML files and node directories. */
  static Stream<String> configs() throws Exception {
    try (Stream<Path> entries = Files.list(corpus())) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".md")).sorted().toList().stream();
    }
  }

  @Test
  void corpusHasAtLeastTwentyConfigsAndTwentyDefects() throws Exception {
    assertTrue(configs().count() >= 20, "configs: " + configs().toList());
    assertTrue(CorpusDefects.all().size() >= 20, "defects: " + CorpusDefects.all().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void validConfigIsAccepted(String config) throws Exception {
    CliRun run = CliRun.of("validate", corpus().resolve(config).toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(!run.out().contains(": error: "), run::toString);
  }

  @Test
  void wholeCorpusIsAcceptedInOneRun() throws Exception {
    List<String> args = new ArrayList<>(List.of("validate"));
    for (String config : configs().toList()) {
      args.add(corpus().resolve(config).toString());
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run::toString);
  }

  @Test
  void nodeFromTheCommandLineIsOnlyAWarning() throws Exception {
    CliRun run = CliRun.of("validate", corpus().resolve("node-from-command-line").toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(corpus().resolve("node-from-command-line/bootstrap.yaml") + ": warning: node: node.id or"
        + " node.cluster is not set, and this node subscribes; Envoy refuses to start unless they come from"
        + " --service-node and --service-cluster\n", run.out());
  }

  @Test
  void staticFrontProxyWithPublicAdminAndNoNodeIsValidButNotBentsLayout() throws Exception {
    String edge = corpus().resolve("edge-static.yaml").toString();
    CliRun envoy = CliRun.of("validate", edge);
    assertEquals(0, envoy.exitCode(), envoy::toString);
    assertEquals("", envoy.out());
    CliRun bent = CliRun.of("validate", "--profile", "bent", edge);
    assertEquals(1, bent.exitCode(), bent::toString);
    assertEquals(List.of(edge + ": error: node: node.id and node.cluster must be set in the bootstrap [bent layout]",
        edge + ": error: admin.address: admin must listen on loopback, not 0.0.0.0 [bent layout]"),
        bent.out().lines().toList());
  }

  @Test
  void rdsRouteToAMissingClusterIsAWarning() throws Exception {
    CliRun run = CliRun.of("validate", corpus().resolve("dynamic-rds").toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(corpus().resolve("dynamic-rds/rds/shop_routes.yaml") + ": warning: resources[0].virtual_hosts[0]"
        + ".routes[0].route.cluster: no cluster named \"checkout\"; Envoy loads it (validate_clusters is false, the"
        + " default for RDS) and the route answers 503\n", run.out());
  }

  @Test
  void lowerCaseEnumsAreWarnings() throws Exception {
    CliRun run = CliRun.of("validate", corpus().resolve("lower-case-enums.yaml").toString());
    assertEquals(0, run.exitCode(), run::toString);
    List<String> lines = run.out().lines().toList();
    assertEquals(4, lines.size(), run::toString);
    assertTrue(lines.stream().allMatch(l -> l.contains(": warning: ") && l.contains("is accepted by Envoy in any"
        + " letter case")), run::toString);
  }

  @Test
  void tlsContextsNamingAbsentFilesAreNotOpened() throws Exception {
    for (String config : List.of("tls-termination.yaml", "upstream-tls.yaml", "static-secrets.yaml", "sds-files")) {
      CliRun run = CliRun.of("validate", corpus().resolve(config).toString());
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals("", run.out(), run::toString);
    }
    assertTrue(Files.notExists(Path.of("/etc/envoy/certs/server.crt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defects")
  void oneDefectVariantIsRefusedNamingTheRule(CorpusDefects.Defect defect) throws Exception {
    Path copy = tmp.resolve("corpus");
    dev.bent.TempTrees.copy(corpus(), copy);
    Path file = copy.resolve(defect.file());
    String text = Files.readString(file);
    int at = text.indexOf(defect.from());
    assertTrue(at >= 0 && text.indexOf(defect.from(), at + 1) < 0, "edit must match exactly once: " + defect.from());
    Files.writeString(file, text.replace(defect.from(), defect.to()));

    CliRun run = CliRun.of("validate", copy.resolve(defect.target()).toString());
    assertEquals(1, run.exitCode(), run::toString);
    List<String> errors = run.out().lines().filter(l -> l.contains(": error: ")).toList();
    assertEquals(1, errors.size(), run::toString);
    assertTrue(errors.get(0).contains(defect.expected()), () -> "no \"" + defect.expected() + "\" in\n" + run);
  }

  static Stream<CorpusDefects.Defect> defects() {
    return CorpusDefects.all().stream();
  }
}
