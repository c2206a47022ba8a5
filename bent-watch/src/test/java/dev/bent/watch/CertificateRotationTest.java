package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.tls.CertificateAuthority;
import dev.bent.tls.Identities;
import dev.bent.write.OutputLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation in watch mode: a replaced certificate and key publish a new generation on the node
 * that uses them only, with the same bootstrap, so the running Envoy reloads without a restart.
 */
class CertificateRotationTest {
  static final String MESH = """
      mesh:
        tls: {trustDomain: mesh.test, trustBundle: certs/ca.crt, certificates: certs, expiryWarningDays: 30}
      nodes:
        alpha:
        beta:
        - name: beta.svc
          endpoints: [{address: 10.0.0.2, port: 3000}]
      """;
  @TempDir Path dir;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final StringWriter log = new StringWriter();
  private final WatchStatus status = new WatchStatus(Clock.systemUTC());
  private CertificateAuthority ca;
  private FileMeshSource source;
  private Watcher watcher;

  @BeforeEach
  void start() throws IOException {
    Files.createDirectories(dir.resolve("certs"));
    ca = CertificateAuthority.create("mesh.test", now.minus(Duration.ofDays(1)), Duration.ofDays(3650));
    Files.write(dir.resolve("certs/ca.crt"), ca.asIssued().certificatePem());
    issue("alpha", List.of(), Duration.ofDays(365));
    issue("beta", List.of("beta.svc"), Duration.ofDays(365));
    Files.writeString(dir.resolve("mesh.yaml"), MESH);
    source = FileMeshSource.open(dir.resolve("mesh.yaml"), Duration.ZERO, Duration.ofHours(1));
    watcher = new Watcher(source, List.of(), OutputLayout.of(dir.resolve("out"), null, false), status,
        new WatchLog(new PrintWriter(log, true)));
  }

  @AfterEach
  void stop() throws IOException {
    source.close();
  }

  /** Writes the node's files the way a rotation agent would: each renamed into place. */
  private void issue(String node, List<String> services, Duration validity) throws IOException {
    List<String> uris = new java.util.ArrayList<>(List.of(Identities.node("mesh.test", node)));
    services.forEach(s -> uris.add(Identities.service("mesh.test", s)));
    CertificateAuthority.Issued issued = ca.issue(node, uris, List.of(), now.minus(Duration.ofDays(1)), validity);
    replace(dir.resolve("certs/" + node + ".key"), issued.keyPem());
    replace(dir.resolve("certs/" + node + ".crt"), issued.certificatePem());
  }

  private static void replace(Path target, byte[] bytes) throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".new");
    Files.write(temp, bytes);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void aReplacedCertificatePublishesANewGenerationOnItsNodeOnly() throws Exception {
    Path alpha = dir.resolve("out/alpha");
    Path beta = dir.resolve("out/beta");
    assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
    String alphaBefore = GenerationOf.live(alpha);
    String betaBefore = GenerationOf.live(beta);
    byte[] betaBootstrap = Files.readAllBytes(beta.resolve("bootstrap.yaml"));
    byte[] oldCertificate = Files.readAllBytes(beta.resolve("..data/tls/identity.crt"));

    CompletableFuture<Boolean> changed = CompletableFuture.supplyAsync(() -> {
      try {
        return source.awaitChange();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    issue("beta", List.of("beta.svc"), Duration.ofDays(20));
    assertTrue(changed.get(30, TimeUnit.SECONDS), "the watch notices a changed certificate file");
    assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());

    assertEquals(alphaBefore, GenerationOf.live(alpha), "alpha uses neither beta's certificate nor its key");
    assertNotEquals(betaBefore, GenerationOf.live(beta));
    assertTrue(!java.util.Arrays.equals(oldCertificate, Files.readAllBytes(beta.resolve("..data/tls/identity.crt"))));
    assertTrue(java.util.Arrays.equals(betaBootstrap, Files.readAllBytes(beta.resolve("bootstrap.yaml"))),
        "the bootstrap stays: Envoy reloads the secrets from the swapped generation, no restart");
    String metrics = MetricsPage.render(status.snapshot());
    assertTrue(metrics.contains("bent_tls_certificates_expiring 1\n"), metrics);
    assertTrue(log.toString().contains("certs/beta.crt holds a certificate"), log.toString());
  }

  /** The live generation of a node directory. */
  private static final class GenerationOf {
    static String live(Path node) throws IOException {
      return Files.readSymbolicLink(node.resolve("..data")).toString();
    }
  }
}
