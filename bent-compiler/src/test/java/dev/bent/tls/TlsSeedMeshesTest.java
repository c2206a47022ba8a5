package dev.bent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.TlsSettings;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.validate.ConfigValidator;
import dev.bent.write.NodeDirectoryWriter;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.SubjectAltNameMatcher;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's meshes compiled with strict mutual TLS: no plain-text hop between sidecars. */
class TlsSeedMeshesTest {
  static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"readme-config.yaml", "compose-config.yaml"})
  void strictTlsGivesEveryEgressClusterTheTargetsSanAndEveryIngressRequiresClientCertificates(String sample)
      throws Exception {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.read(Meshes.projectRoot().resolve("samples").resolve(sample), sample, diagnostics);
    MeshPki pki = MeshPki.create(dir.resolve("certs"), NOW.minus(Duration.ofDays(1))).issueAll(mesh);
    Mesh tls = pki.withTls(mesh, dir, TlsSettings.Mode.STRICT, Map.of());
    Path out = dir.resolve("out");
    Compiler.Compilation compilation = Compiler.compile(tls, diagnostics, List.of(),
        n -> out.resolve(n).toString(), new Credentials(dir, k -> null, Clock.fixed(NOW, ZoneOffset.UTC)));
    NodeDirectoryWriter.writeAll(compilation.nodes().values(), dev.bent.write.OutputLayout.of(out, null, false));

    int egress = 0;
    int ingress = 0;
    for (String node : compilation.nodes().keySet()) {
      ConfigValidator.Report report = ConfigValidator.validate(out.resolve(node));
      assertTrue(report.valid(), node + ": " + report.diagnostics());
      EnvoyFiles files = EnvoyFiles.load(out.resolve(node));
      for (Cluster cluster : files.clusters().values()) {
        if (cluster.getName().startsWith("local_")) {
          assertFalse(cluster.hasTransportSocket(), "the hop to the local application stays on the task");
          continue;
        }
        UpstreamTlsContext context = EnvoyFiles.unpack(cluster.getTransportSocket().getTypedConfig(),
            UpstreamTlsContext.class);
        SubjectAltNameMatcher san = context.getCommonTlsContext().getCombinedValidationContext()
            .getDefaultValidationContext().getMatchTypedSubjectAltNames(0);
        assertEquals(SubjectAltNameMatcher.SanType.URI, san.getSanType());
        assertEquals(Identities.service(MeshPki.TRUST_DOMAIN, cluster.getName()), san.getMatcher().getExact());
        assertEquals(cluster.getName(), context.getSni());
        assertEquals(1, context.getCommonTlsContext().getTlsCertificateSdsSecretConfigsCount());
        egress++;
      }
      Optional<Listener> listener = files.listener("ingress");
      if (listener.isPresent()) {
        assertEquals(1, listener.get().getFilterChainsCount(), "strict: no plain-text chain");
        for (FilterChain chain : listener.get().getFilterChainsList()) {
          DownstreamTlsContext context = EnvoyFiles.unpack(chain.getTransportSocket().getTypedConfig(),
              DownstreamTlsContext.class);
          assertTrue(context.getRequireClientCertificate().getValue(), node);
          assertTrue(context.getCommonTlsContext().hasValidationContextSdsSecretConfig(), node);
        }
        ingress++;
      }
    }
    assertTrue(egress > 0 && ingress > 0, "egress clusters " + egress + ", ingress listeners " + ingress);
  }
}
