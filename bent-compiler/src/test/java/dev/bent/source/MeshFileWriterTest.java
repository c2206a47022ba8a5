package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Annotation;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing a mesh as a mesh file: exact text, and what the reader makes of it. */
class MeshFileWriterTest {
  private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/prod/0f1e";

  private static Mesh mesh() {
    Location task = Location.of(TASK + " (echo:1)");
    Location label = Location.of(TASK + " container echo label envoy.service.echo.alpha");
    Location annotation = Location.of("arn:...:task-definition/echo:1 container echo label x");
    ServiceEntry wide = new ServiceEntry("echo.alpha",
        List.of(new Annotation("healthcheck.path", "/a \"b\" \\c", annotation),
            new Annotation("enable-retry", "", annotation)),
        List.of(), annotation);
    NodeEntry echo = new NodeEntry("0f1e", List.of(new ServiceEntry("echo.alpha", List.of(),
        List.of(new EndpointEntry("10.0.0.2", 3000, List.of(new Annotation("endpoint.weight", "5", label)), label)),
        label)), task);
    NodeEntry idle = new NodeEntry("0a00", List.of(), Location.of(TASK.replace("0f1e", "0a00")));
    return new Mesh("ecs scan of cluster prod", MeshSettings.defaults(Location.of("x")), List.of(wide),
        List.of(echo, idle));
  }

  @Test
  void writesSortedQuotedYamlWithOriginsAsComments() {
    assertEquals("""
        # bent mesh file, written from ecs scan of cluster prod.
        # Each node is one task; comments say which task and label each element came from.
        services:
        - name: "echo.alpha"
          annotations:
            # arn:...:task-definition/echo:1 container echo label x
            "enable-retry": ""
            # arn:...:task-definition/echo:1 container echo label x
            "healthcheck.path": "/a \\"b\\" \\\\c"
        nodes:
          # arn:aws:ecs:us-east-1:123456789012:task/prod/0a00
          "0a00": []
          # arn:aws:ecs:us-east-1:123456789012:task/prod/0f1e (echo:1)
          "0f1e":
          - name: "echo.alpha"
            endpoints:
            # arn:aws:ecs:us-east-1:123456789012:task/prod/0f1e container echo label envoy.service.echo.alpha
            - address: "10.0.0.2"
              port: 3000
              annotations:
                # arn:aws:ecs:us-east-1:123456789012:task/prod/0f1e container echo label envoy.service.echo.alpha
                "endpoint.weight": "5"
        """, MeshFileWriter.write(mesh()));
  }

  @Test
  void theReaderReadsBackTheSameMesh() {
    Diagnostics diagnostics = new Diagnostics();
    Mesh back = MeshFileReader.parse("mesh.yaml", MeshFileWriter.write(mesh()), diagnostics);
    assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
    assertEquals("/a \"b\" \\c", back.services().get(0).annotations().get(1).value());
    assertEquals("", back.services().get(0).annotations().get(0).value());
    assertEquals(List.of("0a00", "0f1e"), back.nodes().stream().map(NodeEntry::name).toList());
    EndpointEntry endpoint = back.nodes().get(1).services().get(0).endpoints().get(0);
    assertEquals("10.0.0.2", endpoint.address());
    assertEquals(3000, endpoint.port());
    assertEquals("5", endpoint.annotations().get(0).value());
    String rewritten = MeshFileWriter.write(
        new Mesh("ecs scan of cluster prod", back.settings(), back.services(), back.nodes()));
    assertEquals(MeshFileWriter.write(mesh()).replaceAll("(?m)^ +# .*\n", ""), rewritten,
        "read back, the same text but for the origin comments (a file place gets none)");
  }

  @Test
  void anEmptyScanIsAnEmptyNodeMap() {
    Mesh empty = new Mesh("ecs scan of cluster prod", MeshSettings.defaults(Location.of("x")), List.of(), List.of());
    String text = MeshFileWriter.write(empty);
    assertEquals("nodes: {}", text.lines().reduce((a, b) -> b).orElseThrow());
    Diagnostics diagnostics = new Diagnostics();
    assertEquals(List.of(), MeshFileReader.parse("mesh.yaml", text, diagnostics).nodes());
    assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
  }

  @Test
  void controlCharactersAreEscaped() {
    assertEquals("\"a\\nb\\tc\\u0001\"", MeshFileWriter.quote("a\nb\tc\u0001"));
  }

  @Test
  void meshSettingsAndRoutesWrittenAndReadBackCompileToTheSameBytes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path samples = dev.bent.Meshes.projectRoot().resolve("samples");
    java.nio.file.Files.copy(samples.resolve("front-proxy.htpasswd"), dir.resolve("front-proxy.htpasswd"));
    for (String sample : List.of("routing.yaml", "front-proxy.yaml", "custom-ports.yaml", "policies.yaml",
        "static-local-clusters.yaml")) {
      Diagnostics diagnostics = new Diagnostics();
      Mesh original = MeshFileReader.read(samples.resolve(sample), sample, diagnostics);
      java.nio.file.Path written = dir.resolve(sample);
      java.nio.file.Files.writeString(written, MeshFileWriter.write(original));
      dev.bent.Compiler.Compilation expected =
          dev.bent.Compiler.compileFile(samples.resolve(sample), List.of(), n -> "/etc/envoy/" + n);
      dev.bent.Compiler.Compilation actual = dev.bent.Compiler.compileFile(written, List.of(), n -> "/etc/envoy/" + n);
      assertEquals(expected.nodes().keySet(), actual.nodes().keySet(), sample);
      for (String node : expected.nodes().keySet()) {
        for (var file : expected.nodes().get(node).files().entrySet()) {
          assertEquals(new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8),
              new String(actual.nodes().get(node).files().get(file.getKey()), java.nio.charset.StandardCharsets.UTF_8),
              sample + " " + node + " " + file.getKey());
        }
      }
    }
  }
}
