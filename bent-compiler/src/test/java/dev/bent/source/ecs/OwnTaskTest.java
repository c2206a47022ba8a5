package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.emit.NodeFiles;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.source.MeshFileWriter;
import dev.bent.source.MeshSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** --node auto over a mesh snapshot: the task's own node from its task metadata, the rest from the snapshot. */
class OwnTaskTest {
  private FakeEcs ecs;
  private String snapshot;

  @BeforeEach
  void scanASnapshot() throws IOException {
    ecs = new FakeEcs();
    String beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "app", Labels.of("envoy.service.beta.svc", "app:3000")));
    String echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    ecs.addTask("prod", "b1", beta);
    ecs.addTask("prod", "e1", echo);
    try (EcsSource source = EcsSource.using(ecs.client(ecs.options()), ecs.options())) {
      snapshot = MeshFileWriter.write(source.read(Set.of(), new Diagnostics()));
    }
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private static Mesh snapshotMesh(String text) {
    return MeshFileReader.parse("mesh.yaml", text, new Diagnostics());
  }

  private static NodeEntry node(Mesh mesh, String name) {
    return mesh.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void aStartingTaskThatTheSnapshotDoesNotListCompilesItsOwnNode() throws IOException {
    String labels = MetadataServer.taskJson("prod", "new1", "echo", 2, "PENDING", "10.0.9.9", Labels.containers(
        "envoy", Labels.of(),
        "echo", Labels.of("envoy.service.echo.alpha", "echo:3000",
            "envoy.service.echo.alpha.annotations.healthcheck.path", "/ready")));
    try (MetadataServer metadata = new MetadataServer(200, labels)) {
      Diagnostics diagnostics = new Diagnostics();
      MeshSource source = OwnTask.over((wanted, d) -> snapshotMesh(snapshot), Map.of(TaskMetadata.ENV, metadata.base()));
      Mesh mesh = source.read(Set.of("new1"), diagnostics);
      assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
      assertEquals(List.of("b1", "e1", "new1"), mesh.nodes().stream().map(NodeEntry::name).toList());
      EndpointEntry own = node(mesh, "new1").services().get(0).endpoints().get(0);
      assertEquals("10.0.9.9:3000", own.address() + ":" + own.port());
      assertEquals("/ready", mesh.services().stream().filter(s -> s.name().equals("echo.alpha")).findFirst()
          .orElseThrow().annotations().stream().filter(a -> a.key().equals("healthcheck.path")).findFirst()
          .orElseThrow().value(), "the task's own definition decides its own service's annotations");

      Compiler.Compilation compilation = Compiler.compile(mesh, diagnostics, List.of("new1"),
          node -> "/etc/envoy", new Credentials(Path.of("."), System::getenv));
      NodeFiles files = compilation.nodes().get("new1");
      String cds = new String(files.files().get("cds.yaml"), StandardCharsets.UTF_8);
      assertTrue(cds.contains("beta.svc") && cds.contains("10.0.0.2"), "egress from the snapshot: " + cds);
      assertTrue(cds.contains("local_echo.alpha") && cds.contains("10.0.9.9"), "ingress from the metadata: " + cds);
    }
  }

  @Test
  void theTaskReplacesItsOwnNodeInTheSnapshot() throws IOException {
    String moved = MetadataServer.taskJson("prod", "e1", "echo", 1, "RUNNING", "10.0.7.7", Labels.seedEcho());
    try (MetadataServer metadata = new MetadataServer(200, moved)) {
      Mesh mesh = OwnTask.merge(snapshotMesh(snapshot), Map.of(TaskMetadata.ENV, metadata.base()), new Diagnostics());
      assertEquals(List.of("b1", "e1"), mesh.nodes().stream().map(NodeEntry::name).toList());
      assertEquals("10.0.7.7", node(mesh, "e1").services().get(0).endpoints().get(0).address());
    }
  }

  @Test
  void aBadLabelInTheOwnTaskIsReportedWithTheDefinitionArnAndLabel() throws IOException {
    String bad = MetadataServer.taskJson("prod", "new1", "echo", 2, "RUNNING", "10.0.9.9", Labels.containers(
        "echo", Labels.of("envoy.service.echo.alpha", "echo:99999")));
    try (MetadataServer metadata = new MetadataServer(200, bad)) {
      Diagnostics diagnostics = new Diagnostics();
      OwnTask.merge(snapshotMesh(snapshot), Map.of(TaskMetadata.ENV, metadata.base()), diagnostics);
      Diagnostic warning = diagnostics.warnings().get(0);
      assertEquals(FakeEcs.definitionArn("echo", 2) + " container echo label envoy.service.echo.alpha",
          warning.location().origin());
      assertTrue(warning.message().contains("port must be at most 65535, got 99999"), warning.message());
    }
  }

  @Test
  void withoutTheMetadataEndpointItIsAnEnvironmentError() {
    IOException e = assertThrows(IOException.class,
        () -> OwnTask.merge(snapshotMesh(snapshot), Map.of(), new Diagnostics()));
    assertTrue(e.getMessage().startsWith("--node auto needs ECS_CONTAINER_METADATA_URI_V4"), e.getMessage());
  }
}
