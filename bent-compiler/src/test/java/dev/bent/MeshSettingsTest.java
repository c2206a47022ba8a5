package dev.bent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MeshSettingsTest {
  private static final String NODES = "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 80}]\n";

  @Test
  void zipkinTracingAddsACollectorClusterAndTagsSpans() {
    Compiler.Compilation c = Meshes.compile("mesh:\n  tracing: {zipkin: {address: 10.9.0.1}, sampling: 5}\n" + NODES);
    String bootstrap = Meshes.text(c, "a", "bootstrap.yaml");
    assertTrue(bootstrap.contains("name: tracing_collector"), bootstrap);
    assertTrue(bootstrap.contains("port_value: 9411"), bootstrap);
    String lds = Meshes.text(c, "a", "lds.yaml");
    assertTrue(lds.contains("collector_endpoint_version: HTTP_JSON"), lds);
    assertTrue(lds.contains("value: 5.0"), lds);
    assertTrue(lds.contains("tag: bent.direction\n            literal:\n              value: ingress"), lds);
  }

  @Test
  void otelTracingUsesHttp2ToItsCollector() {
    Compiler.Compilation c = Meshes.compile("mesh:\n  tracing: {otel: {address: collector}}\n" + NODES);
    String bootstrap = Meshes.text(c, "a", "bootstrap.yaml");
    assertTrue(bootstrap.contains("envoy.extensions.upstreams.http.v3.HttpProtocolOptions"), bootstrap);
    assertTrue(bootstrap.contains("http2_protocol_options: {}"), bootstrap);
    assertTrue(bootstrap.contains("type: STRICT_DNS"), bootstrap);
    assertTrue(Meshes.text(c, "a", "lds.yaml").contains("envoy.tracers.opentelemetry"));
  }

  @Test
  void accessLogCanBeTurnedOffOrMoved() {
    assertFalse(Meshes.text(Meshes.compile("mesh:\n  accessLog: {enabled: false}\n" + NODES), "a", "lds.yaml")
        .contains("access_log"));
    assertTrue(Meshes.text(Meshes.compile("mesh:\n  accessLog: {path: /var/log/a.log}\n" + NODES), "a", "lds.yaml")
        .contains("path: /var/log/a.log"));
  }

  @Test
  void badSettingsAreReportedWithTheirPlace() {
    List<String> errors = Meshes.errors("mesh:\n  accessLog: {path: relative.log}\n"
        + "  tracing: {zipkin: {address: j}, otel: {address: k}, sampling: 120}\n  tracer: x\n" + NODES);
    assertEquals(
        List.of(
            "mesh.yaml:2:21: error: mesh.accessLog.path must be an absolute path, got \"relative.log\"",
            "mesh.yaml:3:12: error: mesh.tracing needs exactly one of \"zipkin\" or \"otel\"",
            "mesh.yaml:3:65: error: mesh.tracing.sampling must be a percentage from 0 to 100, got 120",
            "mesh.yaml:4:3: error: unknown key \"tracer\" in mesh;"
                + " valid keys: accessLog, gateways, localClusters, ports, tls, tracing"),
        errors);
    assertEquals(
        List.of("mesh.yaml:1:38: error: mesh.localClusters must be \"cds\" or \"bootstrap\", got \"static\""),
        Meshes.errors("mesh: {accessLog: {}, localClusters: static}\n" + NODES));
  }

  @Test
  void localClustersInTheBootstrapMakeEveryNodesClusterFileTheSame() {
    String mesh = "nodes:\n  a:\n  - name: a.svc\n    annotations: {healthcheck.path: /ready}\n"
        + "    endpoints: [{address: 10.0.0.1, port: 80}]\n"
        + "  b:\n  - name: b.svc\n    endpoints: [{address: 10.0.0.2, port: 81}]\n  c:\n";
    Compiler.Compilation inCds = Meshes.compile(mesh);
    Compiler.Compilation inBootstrap = Meshes.compile("mesh:\n  localClusters: bootstrap\n" + mesh);

    assertTrue(Meshes.text(inCds, "a", "cds.yaml").contains("name: local_a.svc"));
    assertFalse(Meshes.text(inCds, "a", "bootstrap.yaml").contains("local_a.svc"));
    assertFalse(Meshes.text(inBootstrap, "a", "cds.yaml").contains("local_"));
    String bootstrap = Meshes.text(inBootstrap, "a", "bootstrap.yaml");
    assertTrue(bootstrap.contains("  - name: local_a.svc\n    type: STATIC\n"), bootstrap);
    assertTrue(bootstrap.contains("path: /ready"), bootstrap);
    assertTrue(bootstrap.contains("port_value: 80\n"), bootstrap);
    assertFalse(Meshes.text(inBootstrap, "c", "bootstrap.yaml").contains("local_"));
    assertEquals(Meshes.text(inBootstrap, "c", "cds.yaml"), Meshes.text(inBootstrap, "a", "cds.yaml"));
    assertEquals(Meshes.text(inBootstrap, "c", "cds.yaml"), Meshes.text(inBootstrap, "b", "cds.yaml"));
    assertEquals(Meshes.text(inCds, "c", "cds.yaml"), Meshes.text(inBootstrap, "c", "cds.yaml"),
        "a node without services of its own is the same either way");
    assertEquals(Meshes.text(inCds, "a", "lds.yaml"), Meshes.text(inBootstrap, "a", "lds.yaml"));
    assertEquals(Meshes.text(inCds, "a", "rds/ingress.yaml"), Meshes.text(inBootstrap, "a", "rds/ingress.yaml"));
  }
}
