package dev.bent.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.diag.Diagnostics;
import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.ir.MeshPlan;
import dev.bent.source.MeshFileReader;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResolverTest {

  private static MeshPlan plan(String yaml) {
    Diagnostics d = new Diagnostics();
    MeshPlan plan = Resolver.resolve(MeshFileReader.parse("mesh.yaml", yaml, d), d, new Credentials(java.nio.file.Path.of("."), k -> null));
    assertFalse(d.hasErrors(), d.sorted().toString());
    return plan;
  }

  private static String node(String name, String service, String address, String annotations) {
    return "  " + name + ":\n  - name: " + service + "\n    endpoints:\n    - address: " + address
        + "\n      port: 3000\n" + (annotations.isEmpty() ? "" : "      annotations: {" + annotations + "}\n");
  }

  @Test
  void egressEndpointsAreDerivedFromServingNodesAtTheIngressPort() {
    MeshPlan plan = plan("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "") + node("b2", "b.svc", "10.0.0.2", "") + "  a:\n");
    ClusterPlan egress = plan.egressClusters().get(0);
    assertEquals("b.svc", egress.name());
    assertEquals(
        List.of(EndpointPlan.of("10.0.0.1", 4100), EndpointPlan.of("10.0.0.2", 4100)), egress.endpoints());
    assertEquals(List.of("local_b.svc"), plan.nodes().get(0).localClusters().stream().map(ClusterPlan::name).toList());
    assertTrue(plan.nodes().get(2).localClusters().isEmpty(), "node a serves nothing");
  }

  @Test
  void explicitServiceEndpointsReplaceDerivedOnes() {
    MeshPlan plan =
        plan("services:\n- name: b.svc\n  endpoints: [{address: 10.9.9.9, port: 4100}]\nnodes:\n"
            + node("b1", "b.svc", "10.0.0.1", ""));
    assertEquals(List.of(EndpointPlan.of("10.9.9.9", 4100)), plan.egressClusters().get(0).endpoints());
    assertEquals(List.of(EndpointPlan.of("10.0.0.1", 3000)), plan.nodes().get(0).localClusters().get(0).endpoints());
  }

  @Test
  void weightsFollowTheServingNodeAndUnweightedEndpointsGetTheDefault() {
    MeshPlan plan =
        plan("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "endpoint.weight: 95")
            + node("b2", "b.svc", "10.0.0.2", "") + node("c", "c.svc", "10.0.0.3", ""));
    List<EndpointPlan> endpoints = plan.egressClusters().get(0).endpoints();
    assertEquals(OptionalLong.of(95), endpoints.get(0).weight());
    assertEquals(OptionalLong.of(64), endpoints.get(1).weight(), "an unweighted endpoint beside a weighted one");
    assertEquals(OptionalLong.empty(), plan.egressClusters().get(1).endpoints().get(0).weight(), "no weights at all");
  }

  @Test
  void serviceWideAnnotationsMergeFromEveryPlace() {
    MeshPlan plan =
        plan("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "healthcheck.path: /hc")
            + node("b2", "b.svc", "10.0.0.2", "healthcheck.interval: 250"));
    var hc = plan.egressClusters().get(0).healthCheck().orElseThrow();
    assertEquals("/hc", hc.path());
    assertEquals(Duration.ofMillis(250), hc.interval());
    assertEquals(Duration.ofSeconds(3), hc.timeout());
    assertEquals(200, hc.firstStatus());
    assertEquals(399, hc.lastStatus());
    assertEquals(hc, plan.nodes().get(1).localClusters().get(0).healthCheck().orElseThrow());
  }

  @Test
  void disagreeingServiceAnnotationsNameBothPlaces() {
    List<String> errors =
        Meshes.errors("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "circuit-breaker.max-requests: 10")
            + node("b2", "b.svc", "10.0.0.2", "circuit-breaker.max-requests: 20"));
    assertEquals(
        List.of("mesh.yaml:13:21: error: annotation \"circuit-breaker.max-requests\" of service \"b.svc\""
            + " is \"20\" here but \"10\" at mesh.yaml:7:21; a service has one value, so set it in one place"),
        errors);
  }

  @Test
  void sameValueInTwoPlacesIsNotAConflict() {
    MeshPlan plan = plan("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "healthcheck.interval: 1000")
        + node("b2", "b.svc", "10.0.0.2", "healthcheck.interval: 1s"));
    assertEquals(Duration.ofSeconds(1), plan.egressClusters().get(0).healthCheck().orElseThrow().interval());
    for (var node : plan.nodes()) {
      assertEquals(Duration.ofSeconds(1), node.localClusters().get(0).healthCheck().orElseThrow().interval(), node.name());
    }
  }

  @Test
  void unknownAnnotationSuggestsTheClosestName() {
    assertEquals(
        List.of("mesh.yaml:7:21: error: unknown annotation \"healthcheck.pth\" (did you mean \"healthcheck.path\"?)"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "healthcheck.pth: /x")));
  }

  @Test
  void outOfRangeAnnotationValuesAreErrors() {
    assertEquals(
        List.of("mesh.yaml:7:21: error: endpoint.weight must be at least 1, got 0"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "endpoint.weight: 0")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: healthcheck.expected-status must be at most 599, got 600"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "healthcheck.expected-status: 200-600")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: healthcheck.expected-status must be at least 100, got 99"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "healthcheck.expected-status: \"99\"")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: healthcheck.port must be at most 65535, got 70000"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "healthcheck.port: 70000")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: fault.abort.percent must be at most 100, got 101"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "fault.abort.percent: 101")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: fault.abort.code must be at least 200, got 100"),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "fault.abort.code: 100")));
    assertEquals(
        List.of("mesh.yaml:7:21: error: healthcheck.timeout must be a duration (milliseconds such as"
            + " \"250\", or \"250ms\", \"1.5s\", \"1m\"), got \"soon\""),
        Meshes.errors("nodes:\n" + node("b", "b.svc", "10.0.0.1", "healthcheck.timeout: soon")));
  }

  @Test
  void weightsMustFitInUint32PerLocality() {
    List<String> errors =
        Meshes.errors("nodes:\n" + node("b1", "b.svc", "10.0.0.1", "endpoint.weight: 4294967295")
            + node("b2", "b.svc", "10.0.0.2", "endpoint.weight: 1"));
    assertTrue(errors.get(0).contains("add up to 4294967296"), errors.toString());
  }

  @Test
  void unsafeNodeNamesAreRejected() {
    List<String> errors = Meshes.errors("nodes:\n  ../etc:\n  a/b:\n  .hidden:\n  ok:\n");
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("mesh.yaml:2:3: error: node name \"../etc\" is not a safe directory name"));
    assertTrue(errors.get(1).startsWith("mesh.yaml:3:3: error: node name \"a/b\""));
    assertTrue(errors.get(2).startsWith("mesh.yaml:4:3: error: node name \".hidden\""));
  }

  @Test
  void duplicateServicesAreRejected() {
    List<String> errors =
        Meshes.errors("services:\n- name: x.svc\n- name: x.svc\nnodes:\n  a:\n  - name: b.svc\n"
            + "    endpoints: [{address: 10.0.0.1, port: 1}]\n  - name: b.svc\n    endpoints: [{address: 10.0.0.1, port: 2}]\n");
    assertEquals(
        List.of(
            "mesh.yaml:3:3: error: service \"x.svc\" is listed twice in services (first at mesh.yaml:2:3)",
            "mesh.yaml:8:5: error: service \"b.svc\" is listed twice on node \"a\" (first at mesh.yaml:6:5)"),
        errors);
  }

  @Test
  void invalidServiceNamesAndAddressesAreRejected() {
    List<String> errors =
        Meshes.errors("nodes:\n  a:\n  - name: Bad_Name\n    endpoints: [{address: 10.0.0.1, port: 1}]\n"
            + "  - name: ok.svc\n    endpoints: [{address: \"10.0.0.300\", port: 1}, {address: \"-x\", port: 2}]\n");
    assertEquals(3, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("service name \"Bad_Name\" is not a lowercase DNS name"), errors.get(0));
    assertTrue(errors.get(1).endsWith("address \"10.0.0.300\" is neither an IP address nor a DNS host name"));
    assertTrue(errors.get(2).endsWith("address \"-x\" is neither an IP address nor a DNS host name"));
  }

  @Test
  void sidecarPortsMustDiffer() {
    assertEquals(
        List.of("mesh.yaml:2:3: error: mesh.ports.admin and mesh.ports.egress are both 4000;"
            + " every sidecar port must differ"),
        Meshes.errors("mesh:\n  ports: {admin: 4000}\nnodes:\n  a:\n"));
  }

  @Test
  void dnsEndpointsMakeAStrictDnsCluster() {
    MeshPlan plan = plan("nodes:\n" + node("b", "b.svc", "app.internal", ""));
    assertFalse(plan.egressClusters().get(0).isStatic());
  }

  @Test
  void everyProblemOfARunIsReportedAtOnce() {
    List<String> errors =
        Meshes.errors("mesh:\n  ports: {egress: 0}\nnodes:\n  bad/name:\n"
            + node("b", "b.svc", "10.0.0.1", "endpoint.weight: 0, healthcheck.pth: /x"));
    assertEquals(4, errors.size(), errors.toString());
  }
}
