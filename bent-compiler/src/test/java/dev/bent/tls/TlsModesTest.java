package dev.bent.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.TlsSettings;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshFileReader;
import dev.bent.write.NodeDirectoryWriter;
import dev.bent.write.OutputLayout;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.rbac.v3.RBAC;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permissive mode and allowed callers, read back from the written files. */
class TlsModesTest {
  static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
  static final String MESH = """
      nodes:
        web:
        - name: web.svc
          endpoints: [{address: 10.0.0.1, port: 3000}]
        orders:
        - name: orders.svc
          endpoints: [{address: 10.0.0.2, port: 3000}]
      """;
  @TempDir Path dir;

  private Path compile(TlsSettings.Mode mode, Map<String, List<TlsSettings.Named>> callers) throws Exception {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.parse(Meshes.ORIGIN, MESH, diagnostics);
    MeshPki pki = MeshPki.create(dir.resolve("certs"), NOW.minus(Duration.ofDays(1))).issueAll(mesh);
    Path out = dir.resolve("out");
    Compiler.Compilation compilation = Compiler.compile(pki.withTls(mesh, dir, mode, callers), diagnostics,
        List.of(), n -> out.resolve(n).toString(), new Credentials(dir, k -> null, Clock.fixed(NOW, ZoneOffset.UTC)));
    NodeDirectoryWriter.writeAll(compilation.nodes().values(), OutputLayout.of(out, null, false));
    return out;
  }

  @Test
  void permissiveIngressServesTlsAndPlainTextOnTwoChainsBehindATlsInspector() throws Exception {
    Path out = compile(TlsSettings.Mode.PERMISSIVE, Map.of());
    Listener ingress = EnvoyFiles.load(out.resolve("orders")).listener("ingress").orElseThrow();
    assertEquals("envoy.filters.listener.tls_inspector", ingress.getListenerFilters(0).getName());
    assertEquals(2, ingress.getFilterChainsCount());
    assertEquals("tls", ingress.getFilterChains(0).getFilterChainMatch().getTransportProtocol());
    assertTrue(ingress.getFilterChains(0).hasTransportSocket());
    assertEquals("raw_buffer", ingress.getFilterChains(1).getFilterChainMatch().getTransportProtocol());
    assertFalse(ingress.getFilterChains(1).hasTransportSocket());
    assertTrue(EnvoyFiles.load(out.resolve("web")).clusters().get("orders.svc").hasTransportSocket(),
        "egress always originates TLS, in permissive mode too");
  }

  @Test
  void allowedCallersBecomeAnRbacPolicyOnTheServicesVirtualHostOnly() throws Exception {
    TlsSettings.Named web = new TlsSettings.Named("web.svc", dev.bent.diag.Location.of("mesh.yaml", 1, 1));
    Path out = compile(TlsSettings.Mode.STRICT, Map.of("orders.svc", List.of(web)));
    EnvoyFiles orders = EnvoyFiles.load(out.resolve("orders"));
    Listener ingress = orders.listener("ingress").orElseThrow();
    String hcm = ingress.getFilterChains(0).getFilters(0).getTypedConfig().toString();
    assertTrue(hcm.contains("envoy.filters.http.rbac"), "the ingress has the RBAC filter");
    RouteConfiguration routes = (RouteConfiguration) orders.config().files().entrySet().stream()
        .filter(e -> e.getKey().endsWith("rds/ingress.yaml")).findFirst().orElseThrow().getValue().get(0);
    VirtualHost host = routes.getVirtualHosts(0);
    Any config = host.getTypedPerFilterConfigOrThrow("envoy.filters.http.rbac");
    RBAC rules = EnvoyFiles.unpack(config, RBACPerRoute.class).getRbac().getRules();
    assertEquals(RBAC.Action.ALLOW, rules.getAction());
    assertEquals("spiffe://mesh.test/service/web.svc", rules.getPoliciesOrThrow("allowed-callers").getPrincipals(0)
        .getAuthenticated().getPrincipalName().getExact());
    RouteConfiguration webRoutes = (RouteConfiguration) EnvoyFiles.load(out.resolve("web")).config().files().entrySet()
        .stream().filter(e -> e.getKey().endsWith("rds/ingress.yaml")).findFirst().orElseThrow().getValue().get(0);
    assertFalse(webRoutes.getVirtualHosts(0).containsTypedPerFilterConfig("envoy.filters.http.rbac"),
        "web.svc allows every caller of the trust domain");
  }

  @Test
  void explainNamesTheTlsModeAndIdentityButNoKeyMaterial() {
    String text = Compiler.explain(Meshes.projectRoot().resolve("samples/mtls.yaml"), "payments");
    assertTrue(text.contains("mutual TLS strict (mesh.tls), trust domain shop.example, identity"
        + " spiffe://shop.example/node/payments"), text);
    assertTrue(text.contains("allowed callers of payments.svc"), text);
    assertFalse(text.contains("PRIVATE") || text.contains("BEGIN"), text);
  }
}
