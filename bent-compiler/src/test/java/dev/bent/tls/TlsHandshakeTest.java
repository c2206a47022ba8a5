package dev.bent.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.TlsSettings;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.write.NodeDirectoryWriter;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The certificates and the emitted configuration agree: for every hop, a Java TLS client holding
 * what the caller's egress cluster names completes a mutual handshake with a Java TLS server
 * holding what the serving node's ingress names, and the certificate the server presents passes
 * the SAN matcher read from the caller's CDS file. Java's TLS stack does not check URI SANs, so
 * that check comes from the emitted file alone.
 *
 * <p>The certificates are made at test time, valid from a day before the test's clock, because
 * Java's TLS stack checks them against the system clock.
 */
class TlsHandshakeTest {
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  @TempDir Path dir;
  private Mesh mesh;
  private MeshPki pki;

  private Path compile(String sample) throws Exception {
    Diagnostics diagnostics = new Diagnostics();
    mesh = MeshFileReader.read(Meshes.projectRoot().resolve("samples").resolve(sample), sample, diagnostics);
    pki = MeshPki.create(dir.resolve("certs"), now.minus(Duration.ofDays(1))).issueAll(mesh);
    Path out = dir.resolve("out");
    Compiler.Compilation compilation = Compiler.compile(pki.withTls(mesh, dir, TlsSettings.Mode.STRICT, Map.of()),
        diagnostics, List.of(), n -> out.resolve(n).toString(),
        new Credentials(dir, k -> null, Clock.fixed(now, ZoneOffset.UTC)));
    NodeDirectoryWriter.writeAll(compilation.nodes().values(), dev.bent.write.OutputLayout.of(out, null, false));
    return out;
  }

  private final Map<Path, EnvoyFiles> loaded = new java.util.HashMap<>();

  private EnvoyFiles load(Path nodeDir) {
    return loaded.computeIfAbsent(nodeDir, EnvoyFiles::load);
  }

  private UpstreamTlsContext upstream(Path out, String node, String cluster) {
    Cluster found = load(out.resolve(node)).clusters().get(cluster);
    return EnvoyFiles.unpack(found.getTransportSocket().getTypedConfig(), UpstreamTlsContext.class);
  }

  private DownstreamTlsContext downstream(Path out, String node) {
    return EnvoyFiles.unpack(load(out.resolve(node)).listener("ingress").orElseThrow()
        .getFilterChains(0).getTransportSocket().getTypedConfig(), DownstreamTlsContext.class);
  }

  private static String expectedSan(UpstreamTlsContext context) {
    return context.getCommonTlsContext().getCombinedValidationContext().getDefaultValidationContext()
        .getMatchTypedSubjectAltNames(0).getMatcher().getExact();
  }

  @ParameterizedTest
  @ValueSource(strings = {"readme-config.yaml", "compose-config.yaml"})
  void everyHopHandshakesAndTheServerCertificatePassesTheEmittedSanMatcher(String sample) throws Exception {
    Path out = compile(sample);
    int hops = 0;
    for (NodeEntry caller : mesh.nodes()) {
      for (Cluster cluster : load(out.resolve(caller.name())).clusters().values()) {
        if (cluster.getName().startsWith("local_")) {
          continue;
        }
        UpstreamTlsContext up = upstream(out, caller.name(), cluster.getName());
        TlsEndpoint client = TlsEndpoint.of(up.getCommonTlsContext());
        for (NodeEntry server : mesh.nodes()) {
          if (server.services().stream().noneMatch(s -> s.name().equals(cluster.getName()))) {
            continue;
          }
          TlsEndpoint serving = TlsEndpoint.of(downstream(out, server.name()).getCommonTlsContext());
          X509Certificate presented = Handshake.run(client, up.getSni(), serving);
          assertTrue(CertificateChecks.uriSans(presented).contains(expectedSan(up)),
              caller.name() + " -> " + server.name() + " presented " + CertificateChecks.uriSans(presented));
          hops++;
        }
      }
    }
    assertTrue(hops >= 3, "hops checked: " + hops);
  }

  @Test
  void aServerWithAnotherServicesCertificateHandshakesButFailsTheEmittedSanMatcher() throws Exception {
    Path out = compile("readme-config.yaml");
    UpstreamTlsContext up = upstream(out, "alpha", "beta.svc");
    TlsEndpoint wrong = TlsEndpoint.of(downstream(out, "gamma").getCommonTlsContext());
    X509Certificate presented = Handshake.run(TlsEndpoint.of(up.getCommonTlsContext()), up.getSni(), wrong);
    assertFalse(CertificateChecks.uriSans(presented).contains(expectedSan(up)),
        "gamma's certificate must not pass as beta.svc: " + CertificateChecks.uriSans(presented));
  }

  @Test
  void aCertificateFromAnotherCaFailsTheHandshakeOnBothSides() throws Exception {
    Path out = compile("readme-config.yaml");
    UpstreamTlsContext up = upstream(out, "alpha", "beta.svc");
    TlsEndpoint client = TlsEndpoint.of(up.getCommonTlsContext());
    TlsEndpoint server = TlsEndpoint.of(downstream(out, "beta").getCommonTlsContext());
    CertificateAuthority other = CertificateAuthority.create(MeshPki.TRUST_DOMAIN, now.minus(Duration.ofDays(1)),
        MeshPki.YEAR);
    CertificateAuthority.Issued forged = other.issue("beta",
        List.of(Identities.service(MeshPki.TRUST_DOMAIN, "beta.svc")), List.of(), now.minus(Duration.ofDays(1)),
        MeshPki.YEAR);
    assertThrows(Exception.class,
        () -> Handshake.run(client, up.getSni(), server.holding(List.of(forged.certificate()), forged.key())),
        "the caller refuses a server outside the trust bundle");
    assertThrows(Exception.class,
        () -> Handshake.run(client.holding(List.of(forged.certificate()), forged.key()), up.getSni(), server),
        "the ingress refuses a caller outside the trust bundle");
  }
}
