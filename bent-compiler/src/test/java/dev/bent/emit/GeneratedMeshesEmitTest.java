package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.source.MeshFileReader;
import dev.bent.tls.MeshPki;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct emitter writes the bytes of the Jackson reference for generated meshes: the
 * benchmark's shape (health checks, weights, retries), the same with mutual TLS, and with routes
 * between services and a gateway.
 */
class GeneratedMeshesEmitTest {
  @TempDir
  Path dir;

  @Test
  void theBenchmarkMeshEmitsTheReferenceBytes() throws Exception {
    String mesh = generated(60, 25);
    assertTrue(EmitterComparison.compareCompiling(mesh, dir) > 60 * 5);
  }

  @Test
  void aGeneratedMeshWithMutualTlsEmitsTheReferenceBytes() throws Exception {
    for (String mode : new String[] {"strict", "permissive"}) {
      Path certs = dir.resolve(mode);
      String mesh = "mesh:\n  tls:\n    mode: " + mode + "\n    trustDomain: " + MeshPki.TRUST_DOMAIN + "\n"
          + "    trustBundle: " + mode + "/ca.crt\n    certificates: " + mode + "\n"
          + "    allowedCallers:\n      svc-001.mesh: [svc-002.mesh, svc-003.mesh]\n"
          + generated(12, 5);
      MeshPki.create(certs, Instant.now().minus(1, ChronoUnit.DAYS))
          .issueAll(MeshFileReader.parse("mesh.yaml", mesh, new Diagnostics()));
      assertTrue(EmitterComparison.compareCompiling(mesh, dir) > 12 * 5, mode);
    }
  }

  @Test
  void aGeneratedMeshWithRoutesAndAGatewayEmitsTheReferenceBytes() throws Exception {
    Files.copy(Meshes.projectRoot().resolve("samples/front-proxy.htpasswd"), dir.resolve("front-proxy.htpasswd"));
    String mesh = """
        mesh:
          gateways:
          - node: edge
            port: 8080
            basicAuth:
              htpasswd: front-proxy.htpasswd
        services:
        - name: shop.mesh
          annotations:
            timeout: 3s
          routes:
          - match:
              prefix: /api/
              headers: {x-canary: {exact: "true"}, x-odd: {prefix: "a: b #c"}}
              methods: [GET, HEAD]
            to: svc-002.mesh
          - match:
              prefix: /v1/
              query: {debug: {present: true}, "#q": {exact: "yes"}}
            to: svc-001.mesh
            rewrite: {prefix: /}
          - match: {prefix: /}
            split:
            - {service: svc-001.mesh, weight: 90}
            - {service: svc-002.mesh, weight: 10}
            mirror: {service: svc-003.mesh, percent: 5}
            timeout: 2s
            num-retries: 2
            retry-on: 5xx,reset
        """ + generated(20, 6).replace("nodes:\n", "nodes:\n  edge:\n");
    int compared = EmitterComparison.compareCompiling(mesh, dir);
    assertTrue(compared > 20 * 5, "compared " + compared);
  }

  /** The benchmark's generator's mesh of {@code nodes} nodes and {@code services} services. */
  static String generated(int nodes, int services) throws IOException, InterruptedException {
    Path script = Meshes.projectRoot().resolve("bench/generate-mesh.sh");
    Process process = new ProcessBuilder("sh", script.toString(), Integer.toString(nodes), Integer.toString(services))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String mesh = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "generate-mesh.sh failed");
    assertTrue(mesh.startsWith("nodes:\n"), mesh);
    return mesh;
  }
}
