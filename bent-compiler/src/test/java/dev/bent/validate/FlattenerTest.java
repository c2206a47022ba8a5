package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.PathConfigSource;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A flattened node is one static bootstrap that parses strictly and passes every check. */
class FlattenerTest {
  @TempDir Path tmp;

  static Path flatten(Path bootstrap, Path into) throws Exception {
    ConfigLoader.Loaded loaded = ConfigLoader.load(bootstrap);
    assertEquals(List.of(), loaded.problems());
    Flattener.Result result = Flattener.flatten(loaded.config());
    assertEquals(List.of(), result.problems());
    return Files.write(into, result.yaml());
  }

  static void assertCleanStaticBootstrap(Path flat) throws Exception {
    String text = Files.readString(flat);
    Bootstrap bootstrap = StrictParser.create().parse(text, StrictParser.Format.YAML, Bootstrap.getDefaultInstance());
    assertFalse(bootstrap.hasDynamicResources());
    assertFalse(text.contains("rds:"), "every rds is inlined");
    assertEquals(List.of(), RuleDiagnostics.check(flat.toString(), "", bootstrap));
    assertEquals(List.of(), NodeConfigChecker.check(new NodeConfig(flat.toString(), bootstrap, Map.of())));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"readme-config.yaml, alpha", "readme-config.yaml, beta", "compose-config.yaml, beta.2",
      "compose-config.yaml, delta", "custom-ports.yaml, web-1", "canary.yaml, checkout"})
  void bentNodeFlattensIntoAValidStaticBootstrap(String sample, String node) throws Exception {
    Path dir = CompiledNodes.write(sample, node, tmp.resolve(node), "/etc/envoy/" + node);
    Path flat = flatten(dir.resolve("bootstrap.yaml"), tmp.resolve("flat.yaml"));
    assertCleanStaticBootstrap(flat);
    Bootstrap bootstrap = StrictParser.create().parse(Files.readString(flat), StrictParser.Format.YAML,
        Bootstrap.getDefaultInstance());
    assertEquals(3, bootstrap.getStaticResources().getListenersCount(), "prometheus, egress and ingress");
  }

  @Test
  void dynamicExampleWithJsonClustersFlattens() throws Exception {
    Path flat = flatten(EnvoyExamplesTest.examples().resolve("dynamic-fs/bootstrap.yaml"), tmp.resolve("flat.yaml"));
    assertCleanStaticBootstrap(flat);
    assertTrue(Files.readString(flat).contains("name: edge_routes"));
  }

  @Test
  void clusterReadingEndpointsFromAFileIsNotInlinedSilently() {
    Cluster eds = Configs.cluster("backend", 1).toBuilder().setType(Cluster.DiscoveryType.EDS)
        .setEdsClusterConfig(Cluster.EdsClusterConfig.newBuilder().setEdsConfig(ConfigSource.newBuilder()
            .setPathConfigSource(PathConfigSource.newBuilder().setPath("/etc/envoy/dynamic/eds.yaml"))))
        .build();
    NodeConfig config = new NodeConfig("bootstrap.yaml", Configs.bootstrap(), Map.of(
        "/etc/envoy/dynamic/lds.yaml", List.of(), "/etc/envoy/dynamic/cds.yaml", List.of(eds)));
    Flattener.Result result = Flattener.flatten(config);
    assertNull(result.bootstrap());
    assertEquals(List.of("bootstrap.yaml: error: cluster \"backend\" reads its endpoints from a file (EDS), which"
        + " flatten does not inline; put them in load_assignment"),
        result.problems().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void realEnvoyAcceptsTheFlattenedBootstrap() throws Exception {
    Path envoy = onPath("envoy");
    Assumptions.assumeTrue(envoy != null, "envoy is not on the PATH");
    Path dir = CompiledNodes.write("compose-config.yaml", "beta", tmp.resolve("beta"), "/etc/envoy/beta");
    Path flat = flatten(dir.resolve("bootstrap.yaml"), tmp.resolve("flat.yaml"));
    Process process = new ProcessBuilder(envoy.toString(), "--mode", "validate", "-c", flat.toString())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "envoy --mode validate did not finish");
    assertEquals(0, process.exitValue(), output);
  }

  private static Path onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
