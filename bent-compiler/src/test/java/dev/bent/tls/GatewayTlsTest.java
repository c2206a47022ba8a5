package dev.bent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostics;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.write.OutputLayout;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.TlsParameters;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway with its own certificate serves HTTPS only and reaches the sidecars over mutual TLS. */
class GatewayTlsTest {
  static final String MESH = """
      mesh:
        tls: {trustDomain: mesh.test, trustBundle: certs/ca.crt, certificates: certs}
        gateways:
        - node: edge
          port: 8443
          basicAuth: {users: [{name: jimmy, passwordEnv: P}]}
          tls: {certificate: public/edge.crt, key: public/edge.key}
      nodes:
        edge:
        beta:
        - name: beta.svc
          endpoints: [{address: 10.0.0.2, port: 3000}]
      """;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  @TempDir Path dir;

  private Compiler.Compilation compile(String yaml) throws Exception {
    MeshPki pki = MeshPki.create(dir.resolve("certs"), now.minus(Duration.ofDays(1)));
    pki.issue("edge", List.of(), now.minus(Duration.ofDays(1)), MeshPki.YEAR);
    pki.issue("beta", List.of("beta.svc"), now.minus(Duration.ofDays(1)), MeshPki.YEAR);
    CertificateAuthority publicCa = CertificateAuthority.create("public.test", now.minus(Duration.ofDays(1)), MeshPki.YEAR);
    CertificateAuthority.Issued server = publicCa.issue("api.example.com", List.of(), List.of("api.example.com"),
        now.minus(Duration.ofDays(1)), MeshPki.YEAR);
    Files.createDirectories(dir.resolve("public"));
    Files.write(dir.resolve("public/edge.crt"), server.certificatePem());
    Files.write(dir.resolve("public/edge.key"), server.keyPem());
    Files.write(dir.resolve("public/ca.crt"), publicCa.asIssued().certificatePem());
    Diagnostics diagnostics = new Diagnostics();
    return Compiler.compile(MeshFileReader.parse("mesh.yaml", yaml, diagnostics), diagnostics, List.of(),
        n -> dir.resolve("out").resolve(n).toString(),
        new Credentials(dir, k -> k.equals("P") ? "secret" : null, Clock.fixed(now, ZoneOffset.UTC)));
  }

  @Test
  void theGatewayServesHttpsWithItsOwnCertificateAndReachesSidecarsOverMutualTls() throws Exception {
    Compiler.Compilation compilation = compile(MESH);
    assertTrue(compilation.warnings().stream().noneMatch(w -> w.toString().contains("plain HTTP")),
        compilation.warnings().toString());
    NodeDirectoryWriter.writeAll(compilation.nodes().values(), OutputLayout.of(dir.resolve("out"), null, false));
    EnvoyFiles edge = EnvoyFiles.load(dir.resolve("out/edge"));
    Listener gateway = edge.listener("gateway").orElseThrow();
    assertEquals(1, gateway.getFilterChainsCount(), "no plain-text chain: plain HTTP on the port is refused");
    DownstreamTlsContext context = EnvoyFiles.unpack(gateway.getFilterChains(0).getTransportSocket().getTypedConfig(),
        DownstreamTlsContext.class);
    assertFalse(context.getRequireClientCertificate().getValue(), "the gateway's clients are browsers and scripts");
    assertEquals(TlsParameters.TlsProtocol.TLSv1_2,
        context.getCommonTlsContext().getTlsParams().getTlsMinimumProtocolVersion());
    assertTrue(EnvoyFiles.unpack(edge.clusters().get("beta.svc").getTransportSocket().getTypedConfig(),
        UpstreamTlsContext.class).hasCommonTlsContext(), "toward the sidecars the gateway uses mutual TLS");

    // The secret the listener asks for names the gateway's own certificate and key.
    String sds = context.getCommonTlsContext().getTlsCertificateSdsSecretConfigs(0).getSdsConfig()
        .getPathConfigSource().getPath();
    var secret = EnvoyFiles.secret(sds).getTlsCertificate();
    var chain = Pem.certificates(Files.readAllBytes(Path.of(secret.getCertificateChain().getFilename())));
    assertEquals("CN=api.example.com,O=bent", chain.get(0).getSubjectX500Principal().getName());
    assertTrue(CertificateChecks.keyMatches(
        Pem.privateKey(Files.readAllBytes(Path.of(secret.getPrivateKey().getFilename()))), chain.get(0)));
  }

  @Test
  void basicAuthOverPlainHttpIsAWarning() throws Exception {
    String plain = MESH.replace("    tls: {certificate: public/edge.crt, key: public/edge.key}\n", "");
    Compiler.Compilation compilation = compile(plain);
    assertTrue(compilation.warnings().stream().anyMatch(w -> w.toString().startsWith("mesh.yaml:4:5: warning:")
        && w.toString().contains("over plain HTTP")), compilation.warnings().toString());
  }

  @Test
  void aGatewayKeyThatDoesNotMatchIsAnError() throws Exception {
    String swapped = MESH.replace("key: public/edge.key", "key: certs/beta.key");
    var e = assertThrows(dev.bent.diag.InvalidInputException.class, () -> compile(swapped));
    assertTrue(e.diagnostics().toString().contains("certs/beta.key is not the private key of the certificate in"
        + " public/edge.crt"), e.diagnostics().toString());
  }
}
