package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.ecs.MetadataServer;
import dev.bent.tls.MeshPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on ECS: an overlay's {@code mesh.tls} names one certificate and key path that every
 * task reads in its own volume; each task compiles only itself, so only its own files are read.
 */
class EcsTlsTest {
  private static final String OVERLAY = """
      mesh:
        tls:
          trustDomain: mesh.test
          trustBundle: ../volume/ca.crt
          certificate: ../volume/identity.crt
          key: ../volume/identity.key
          allowedCallers:
            orders.svc: [web.svc]
      """;

  @TempDir Path temp;
  private FakeEcs ecs;
  private MeshPki pki;
  private Path overlay;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    ecs.addTask("prod", "web0001", ecs.addDefinition("web", 1, "awsvpc",
        Labels.containers("app", Labels.of("envoy.service.web.svc", "app:8080"))));
    ecs.addTask("prod", "orders01", ecs.addDefinition("orders", 1, "awsvpc",
        Labels.containers("app", Labels.of("envoy.service.orders.svc", "app:8080"))));
    pki = MeshPki.create(temp.resolve("volume"), Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
    overlay = temp.resolve("overlay/overlay.yaml");
    Files.createDirectories(overlay.getParent());
    Files.writeString(overlay, OVERLAY);
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  /** Puts the certificate of {@code task} where the overlay says, as the task's volume would hold it. */
  private void volumeOf(String task, String service) throws IOException {
    pki.issue(task, List.of(service), Instant.now().minus(1, ChronoUnit.DAYS), MeshPki.YEAR);
    Path volume = temp.resolve("volume");
    Files.move(volume.resolve(task + ".crt"), volume.resolve("identity.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(volume.resolve(task + ".key"), volume.resolve("identity.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private CliRun ecsRun(String command, String... args) {
    return CliRun.of(Stream.concat(
            Stream.of(command, "--source", "ecs", "--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString()),
            Stream.of(args))
        .toArray(String[]::new));
  }

  private static void assertMutualTls(Path node) throws IOException {
    assertTrue(Files.readString(node.resolve("cds.yaml")).contains(
        "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext"), "upstream TLS contexts");
    assertTrue(Files.readString(node.resolve("lds.yaml")).contains("require_client_certificate: true"),
        "the ingress requires a client certificate");
    CliRun validate = CliRun.of("validate", "--profile", "bent", node.toString());
    assertEquals(0, validate.exitCode(), validate.toString());
  }

  @Test
  void aScanSnapshotWithTlsCompilesLikeTheLiveSourceWithTheOverlay() throws IOException {
    volumeOf("web0001", "web.svc");
    Path live = temp.resolve("live");
    CliRun compile = ecsRun("compile", "--overlay", overlay.toString(), "--node", "web0001", "-o", live.toString());
    assertEquals(0, compile.exitCode(), compile.toString());
    assertMutualTls(live);

    Path snapshot = temp.resolve("elsewhere/snapshot.yaml");
    Files.createDirectories(snapshot.getParent());
    CliRun scan = ecsRun("scan", "--overlay", overlay.toString(), "-o", snapshot.toString());
    assertEquals(0, scan.exitCode(), scan.toString());
    String text = Files.readString(snapshot);
    Path volume = temp.resolve("volume").toAbsolutePath();
    assertTrue(text.contains("    certificate: \"" + volume.resolve("identity.crt") + "\"\n    key: \""
        + volume.resolve("identity.key") + "\"\n"), "paths are absolute against the overlay's directory:\n" + text);

    Map<String, String> before = EcsCommandsTest.files(live);
    CliRun offline = CliRun.of("compile", "-c", snapshot.toString(), "--node", "web0001", "-o", live.toString());
    assertEquals(0, offline.exitCode(), offline.toString());
    assertTrue(offline.err().contains("(0 changed, 1 unchanged)"), "the snapshot compiles to the same bytes:\n" + offline);
    before.remove(".bent.lock");
    Map<String, String> after = EcsCommandsTest.files(live);
    after.remove(".bent.lock");
    assertEquals(before, after);
  }

  @Test
  void onlyTheCompiledNodesCertificateIsChecked() throws IOException {
    volumeOf("web0001", "web.svc");
    CliRun all = ecsRun("compile", "--overlay", overlay.toString(), "-o", temp.resolve("all").toString());
    assertEquals(2, all.exitCode(), all.toString());
    assertTrue(all.err().contains(overlay + ":5:18: error: ../volume/identity.crt is node \"orders01\"'s certificate but lacks the URI SAN spiffe://mesh.test/service/orders.svc"), all.toString());
    assertTrue(all.err().contains("orders.svc"), all.toString());
    assertFalse(Files.exists(temp.resolve("all")));

    volumeOf("orders01", "orders.svc");
    Path orders = temp.resolve("orders");
    CliRun one = ecsRun("compile", "--overlay", overlay.toString(), "--node", "orders01", "-o", orders.toString());
    assertEquals(0, one.exitCode(), one.toString());
    assertMutualTls(orders);
  }

  @Test
  void readmeEcsTlsOverlayCompilesAgainstAScan() throws IOException {
    String readme = Files.readString(dev.bent.Meshes.projectRoot().resolve("README.md"));
    int start = readme.indexOf("```yaml\n# overlay.yaml: mutual TLS between ECS tasks");
    assertTrue(start >= 0, "the README's ECS TLS overlay");
    start += "```yaml\n".length();
    // The README's volume is /certs in every task; here it is one directory, holding one task's files.
    Files.writeString(overlay, readme.substring(start, readme.indexOf("```", start))
        .replace("/certs/", temp.resolve("volume") + "/").replace("shop.example", MeshPki.TRUST_DOMAIN));
    volumeOf("web0001", "web.svc");
    Path out = temp.resolve("out");
    CliRun run = ecsRun("compile", "--overlay", overlay.toString(), "--node", "web0001", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertMutualTls(out);
  }

  @Test
  void certificateWithoutKeyIsAnErrorAtItsPlace() throws IOException {
    Files.writeString(overlay, OVERLAY.replace("    key: ../volume/identity.key\n", ""));
    CliRun run = ecsRun("compile", "--overlay", overlay.toString(), "-o", temp.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains(overlay + ":3:5: error: mesh.tls needs \"key\""), run.toString());
    assertTrue(run.err().contains("\"key\""), run.toString());
  }

  @Test
  void nodeAutoOverASnapshotWithTlsReadsTheTasksOwnFiles() throws Exception {
    Path snapshot = temp.resolve("elsewhere/snapshot.yaml");
    Files.createDirectories(snapshot.getParent());
    CliRun scan = ecsRun("scan", "--overlay", overlay.toString(), "-o", snapshot.toString());
    assertEquals(0, scan.exitCode(), "a scan reads no certificate:\n" + scan);
    volumeOf("orders01", "orders.svc");
    try (MetadataServer metadata = new MetadataServer(200, MetadataServer.taskJson("prod", "orders01", "orders", 1,
        "RUNNING", "10.0.0.9", Labels.containers("app", Labels.of("envoy.service.orders.svc", "app:8080"))))) {
      Path out = temp.resolve("envoy");
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          Bent.class.getName(), "compile", "-c", snapshot.toString(), "--node", "auto", "-o", out.toString());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ECS_"));
      env.put("ECS_CONTAINER_METADATA_URI_V4", metadata.base());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      process.getOutputStream().close();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bent did not finish");
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), output);
      assertTrue(Files.readString(out.resolve("bootstrap.yaml")).contains("id: orders01"));
      assertMutualTls(out);
    }
  }
}
