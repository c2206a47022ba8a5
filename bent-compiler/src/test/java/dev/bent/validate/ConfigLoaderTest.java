package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a node from disk: paths as Envoy sees them are mapped to local files. */
class ConfigLoaderTest {
  @TempDir Path tmp;

  static List<String> lines(ConfigValidator.Report report) {
    return report.diagnostics().stream().map(Diagnostic::toString).toList();
  }

  @Test
  void filesNamedAsEnvoySeesThemAreFoundInTheNodeDirectory() throws Exception {
    Path dir = CompiledNodes.write("readme-config.yaml", "beta", tmp.resolve("copy/beta"), "/etc/envoy/beta");
    ConfigLoader.Loaded loaded = ConfigLoader.load(dir.resolve("bootstrap.yaml"));
    assertEquals(List.of(), loaded.problems());
    assertEquals(Set.of("/etc/envoy/beta/lds.yaml", "/etc/envoy/beta/cds.yaml", "/etc/envoy/beta/rds/egress.yaml",
        "/etc/envoy/beta/rds/ingress.yaml"), loaded.config().files().keySet());
    assertEquals(dir.resolve("rds/egress.yaml").toString(), loaded.localName("/etc/envoy/beta/rds/egress.yaml"));
  }

  @Test
  void literalAbsolutePathIsTheFallback() throws Exception {
    Path node = tmp.resolve("node").toAbsolutePath();
    CompiledNodes.write("readme-config.yaml", "gamma", node, node.toString());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Files.copy(node.resolve("bootstrap.yaml"), elsewhere.resolve("bootstrap.yaml"));
    ConfigValidator.Report report = ConfigValidator.validate(elsewhere);
    assertEquals(List.of(), lines(report));
    assertTrue(report.files().contains(node.resolve("cds.yaml").toString()), report.files()::toString);
  }

  @Test
  void missingFileIsReportedWhereItIsNamed() throws Exception {
    Path dir = CompiledNodes.write("readme-config.yaml", "beta", tmp.resolve("beta"), "/etc/envoy/beta");
    Files.delete(dir.resolve("..data/rds/ingress.yaml"));
    List<String> lines = lines(ConfigValidator.validate(dir));
    assertEquals(List.of(dir.resolve("lds.yaml") + ": error: resources[1].filter_chains[0].filters[0].typed_config"
        + ".rds.config_source.path_config_source.path: /etc/envoy/beta/rds/ingress.yaml does not exist; Envoy"
        + " needs it when it subscribes"), lines);
  }

  @Test
  void unreadableFileIsReportedOnceAndNotAsMissing() throws Exception {
    Path dir = CompiledNodes.write("readme-config.yaml", "beta", tmp.resolve("beta"), "/etc/envoy/beta");
    Files.writeString(dir.resolve("..data/cds.yaml"), "resources: [");
    ConfigLoader.Loaded loaded = ConfigLoader.load(dir.resolve("bootstrap.yaml"));
    assertEquals(Set.of("/etc/envoy/beta/cds.yaml"), loaded.config().unreadable());
    List<String> lines = lines(ConfigValidator.validate(dir));
    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.get(0).startsWith(dir.resolve("cds.yaml") + ": error: line "), lines.get(0));
  }

  @Test
  void unreadableBootstrapGivesNoConfig() throws Exception {
    Path bootstrap = Files.writeString(tmp.resolve("bootstrap.yaml"), "node: {id: a, cluster: b}\nadmn: {}\n");
    ConfigLoader.Loaded loaded = ConfigLoader.load(bootstrap);
    assertNull(loaded.config());
    assertEquals(List.of(bootstrap + ": error: admn: unknown field \"admn\" in envoy.config.bootstrap.v3.Bootstrap"),
        loaded.problems().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void fileWithAnotherExtensionIsReadAsJsonWithAWarning() throws Exception {
    Path file = Files.writeString(tmp.resolve("cds.conf"), "{\"version_info\": \"1\", \"resources\": []}");
    ConfigValidator.Report report = ConfigValidator.validate(file);
    assertEquals(List.of(file + ": warning: the name ends in neither .yaml, .yml nor .json; Envoy reads such a file"
        + " as JSON"), lines(report));
    assertTrue(report.valid());
  }

  @Test
  void emptyFileIsAnErrorAndEmptyResourceListIsNot() throws Exception {
    Path empty = Files.writeString(tmp.resolve("lds.yaml"), "\n");
    assertEquals(List.of(empty + ": error: the document is empty (Envoy rejects an empty file; an empty resource"
        + " list is written \"resources: []\")"), lines(ConfigValidator.validate(empty)));
    Path none = Files.writeString(tmp.resolve("cds.yaml"), "resources: []\n");
    assertEquals(List.of(), lines(ConfigValidator.validate(none)));
  }

  @Test
  void directoryWithoutBootstrapIsAnError() {
    assertEquals(List.of(tmp + ": error: no bootstrap.yaml, bootstrap.yml, bootstrap.json in this directory; give a"
        + " node directory, a bootstrap or an xDS file"), lines(ConfigValidator.validate(tmp)));
  }

  @Test
  void envoyNodeDirectoryFallsBackToTheDirectoryOfTheLdsFile() {
    var source = io.envoyproxy.envoy.config.core.v3.ConfigSource.newBuilder().setPathConfigSource(
        io.envoyproxy.envoy.config.core.v3.PathConfigSource.newBuilder().setPath("/srv/envoy/lds.yaml"));
    var bootstrap = io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap.newBuilder();
    bootstrap.getDynamicResourcesBuilder().setLdsConfig(source);
    assertEquals("/srv/envoy", ConfigLoader.envoyNodeDir(bootstrap.build()).orElseThrow());
  }
}
