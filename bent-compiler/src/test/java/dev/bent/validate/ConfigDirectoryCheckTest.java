package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostic;
import dev.bent.emit.NodeFiles;
import dev.bent.golden.GoldenFormat;
import dev.bent.golden.GoldenWriter;
import dev.bent.golden.TestMeshes;
import dev.bent.write.GenerationWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirectoryCheckTest {
  @TempDir Path dir;

  @Test
  void liveNodeDirectoriesWrittenByTheWriterParse() throws IOException {
    Path out = dir.resolve("out");
    for (NodeFiles node : compile().nodes().values()) {
      GenerationWriter.write(out.resolve(node.node()), node.files());
    }

    ConfigDirectoryCheck.Report report = ConfigDirectoryCheck.check(out);

    assertEquals(List.of(), report.errors());
    assertEquals(List.of(out.resolve("alpha"), out.resolve("beta")), report.nodeDirectories());
    assertEquals(10, report.files(), "5 visible files per node; generations are skipped");
  }

  @Test
  void goldenDirectoryParses() throws IOException {
    Path golden = golden();

    ConfigDirectoryCheck.Report report = ConfigDirectoryCheck.check(golden);

    assertTrue(report.ok(), report.errors().toString());
    assertEquals(10, report.files());
  }

  @Test
  void aDirectoryHoldingBootstrapIsOneNode() throws IOException {
    Path beta = golden().resolve("beta");

    ConfigDirectoryCheck.Report report = ConfigDirectoryCheck.check(beta);

    assertEquals(List.of(beta), report.nodeDirectories());
    assertEquals(5, report.files());
  }

  @Test
  void unknownFieldInAResourceIsAnError() throws IOException {
    Path golden = golden();
    TestMeshes.edit(golden.resolve("beta/cds.yaml"), "connect_timeout:", "conect_timeout:");

    assertEquals(
        List.of(golden.resolve("beta/cds.yaml") + ": error: not a valid envoy.service.discovery.v3.DiscoveryResponse: "
            + "Cannot find field: conect_timeout in message envoy.config.cluster.v3.Cluster"),
        messages(ConfigDirectoryCheck.check(golden)));
  }

  @Test
  void unknownFieldInsideATypedConfigIsAnError() throws IOException {
    Path golden = golden();
    TestMeshes.edit(golden.resolve("beta/lds.yaml"), "stat_prefix:", "stat_prefx:");

    List<String> errors = messages(ConfigDirectoryCheck.check(golden));

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("Cannot find field: stat_prefx in message "
        + "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager"), errors.get(0));
  }

  @Test
  void unknownFieldInTheBootstrapIsAnError() throws IOException {
    Path golden = golden();
    Files.writeString(golden.resolve("alpha/bootstrap.yaml"), "admn: {}\n");

    List<String> errors = messages(ConfigDirectoryCheck.check(golden));

    assertEquals(List.of(golden.resolve("alpha/bootstrap.yaml") + ": error: not a valid "
        + "envoy.config.bootstrap.v3.Bootstrap: Cannot find field: admn in message envoy.config.bootstrap.v3.Bootstrap"),
        errors);
  }

  @Test
  void unknownTypeIsAnError() throws IOException {
    Path golden = golden();
    TestMeshes.edit(golden.resolve("alpha/cds.yaml"), "envoy.config.cluster.v3.Cluster", "envoy.config.cluster.v3.Clustr");

    List<String> errors = messages(ConfigDirectoryCheck.check(golden));

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("envoy.config.cluster.v3.Clustr"), errors.get(0));
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path golden = golden();
    Files.writeString(golden.resolve("alpha/rds/egress.yaml"), "");

    assertEquals(
        List.of(golden.resolve("alpha/rds/egress.yaml") + ": error: the file is empty; Envoy rejects an empty file "
            + "(no resources is \"resources: []\")"),
        messages(ConfigDirectoryCheck.check(golden)));
  }

  @Test
  void yamlSyntaxErrorHasItsLine() throws IOException {
    Path golden = golden();
    Files.writeString(golden.resolve("alpha/lds.yaml"), "version_info: \"1\"\nresources:\n- name: \"unclosed\n");

    List<String> errors = messages(ConfigDirectoryCheck.check(golden));

    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith(golden.resolve("alpha/lds.yaml") + ":4:1: error: not valid YAML or JSON: found unexpected end of stream"),
        errors.get(0));
  }

  @Test
  void subdirectoryWithoutBootstrapIsAnError() throws IOException {
    Path golden = golden();
    Files.createDirectories(golden.resolve("notes"));

    assertEquals(
        List.of(golden.resolve("notes") + ": error: not a node directory: it has no bootstrap.yaml"),
        messages(ConfigDirectoryCheck.check(golden)));
  }

  @Test
  void directoryWithoutNodesIsAnError() throws IOException {
    Files.createDirectories(dir.resolve("empty"));

    assertEquals(
        List.of(dir.resolve("empty") + ": error: no node directory here (a directory that holds bootstrap.yaml)"),
        messages(ConfigDirectoryCheck.check(dir.resolve("empty"))));
  }

  private Compiler.Compilation compile() {
    return GoldenFormat.compile(TestMeshes.copy(TestMeshes.TWO_NODES, dir), List.of());
  }

  private Path golden() throws IOException {
    Path golden = dir.resolve("golden");
    GoldenWriter.update(compile(), golden, List.of());
    return golden;
  }

  private static List<String> messages(ConfigDirectoryCheck.Report report) {
    return report.errors().stream().map(Diagnostic::toString).toList();
  }
}
