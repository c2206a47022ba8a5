package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --source ecs --overlay FILE: mesh settings, gateways and routes for a scanned mesh. */
class EcsOverlayTest {
  static final String OVERLAY = """
      mesh:
        tracing:
          zipkin: {address: jaeger, port: 9411}
        gateways:
        - node: edge1
          port: 8080
          basicAuth: {htpasswd: users.htpasswd}
      services:
      - name: api.svc
        annotations: {timeout: 4s}
        routes:
        - match: {prefix: /echo/, headers: {x-team: {prefix: pay}}}
          to: echo.alpha
        - match: {prefix: /}
          split: [{service: beta.svc, weight: 3}, {service: echo.alpha, weight: 1}]
      - name: beta.svc
        annotations: {fault.abort.percent: 10}
      """;

  @TempDir Path temp;
  private FakeEcs ecs;
  private Path overlay;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    String echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    String beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "envoy", Labels.of(),
        "app", Labels.of("envoy.service.beta.svc", "app:3000",
            "envoy.service.beta.svc.annotations.fault.inject", "",
            "envoy.service.beta.svc.annotations.fault.abort.percent", "5")));
    String edge = ecs.addDefinition("edge", 1, "awsvpc", Labels.containers("envoy", Labels.of()));
    ecs.addTask("prod", "c3", echo);
    ecs.addTask("prod", "a1", beta);
    ecs.addTask("prod", "edge1", edge);
    overlay = temp.resolve("overlay.yaml");
    Files.writeString(overlay, OVERLAY);
    Files.writeString(temp.resolve("users.htpasswd"), "jimmy:{SHA}cRDtpNCeBiql5KOQsKVyrA0sAiA=\n");
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private CliRun run(String command, String... args) {
    return CliRun.of(Stream.concat(
            Stream.of(command, "--source", "ecs", "--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString()),
            Stream.of(args))
        .toArray(String[]::new));
  }

  @Test
  void overlayAddsTracingAGatewayAndRoutesToTheScannedMesh() throws IOException {
    Path out = temp.resolve("out");
    CliRun run = run("compile", "--overlay", overlay.toString(), "-o", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.readString(out.resolve("a1/bootstrap.yaml")).contains("address: jaeger"), "tracing collector cluster");
    assertTrue(Files.readString(out.resolve("a1/lds.yaml")).contains("envoy.tracers.zipkin"));
    assertTrue(Files.readString(out.resolve("edge1/lds.yaml")).contains("name: gateway"));
    for (String routes : new String[] {"a1/rds/egress.yaml", "c3/rds/egress.yaml", "edge1/rds/gateway.yaml"}) {
      String text = Files.readString(out.resolve(routes));
      assertTrue(text.contains("- name: api.svc") && text.contains("host_rewrite_literal: beta.svc")
          && text.contains("prefix: pay") && text.contains("timeout: 4s"), routes + "\n" + text);
    }
    assertFalse(Files.readString(out.resolve("a1/cds.yaml")).contains("name: api.svc"), "a virtual service has no cluster");
  }

  @Test
  void aLabelTheOverlayContradictsLosesWithAWarningNamingBothAndStrictMakesItAnError() throws IOException {
    Path out = temp.resolve("out");
    CliRun run = run("compile", "--overlay", overlay.toString(), "-o", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    String label = FakeEcs.definitionArn("beta", 3) + " container app label envoy.service.beta.svc.annotations.fault.abort.percent";
    assertTrue(run.err().contains(overlay + ":17:17: warning: annotation \"fault.abort.percent\" of service \"beta.svc\""
        + " is \"10\" here but \"5\" at " + label + "; the overlay's value is used"), run.toString());
    assertTrue(Files.readString(out.resolve("a1/rds/ingress.yaml")).contains("numerator: 10"));

    Path strictOut = temp.resolve("strict");
    CliRun strict = run("compile", "--strict", "--overlay", overlay.toString(), "-o", strictOut.toString());
    assertEquals(2, strict.exitCode(), strict.toString());
    assertTrue(strict.err().contains(overlay + ":17:17: error: annotation \"fault.abort.percent\""), strict.toString());
    assertFalse(Files.exists(strictOut));
  }

  @Test
  void aScanWithTheOverlayIsCompleteAndCompilesOfflineToTheLiveBytes() throws IOException {
    Path mesh = temp.resolve("mesh.yaml");
    CliRun scan = run("scan", "--overlay", overlay.toString(), "-o", mesh.toString());
    assertEquals(0, scan.exitCode(), scan.toString());
    String text = Files.readString(mesh);
    assertTrue(text.startsWith("# bent mesh file, written from ecs scan of cluster prod with overlay "), text);
    assertTrue(text.contains("mesh:\n  tracing:\n") && text.contains("  routes:\n") && text.contains("htpasswd: \"" + overlay.toAbsolutePath().getParent().resolve("users.htpasswd") + "\""),
        text);
    CliRun offline = CliRun.of("compile", "-c", mesh.toString(), "-o", temp.resolve("offline").toString(),
        "--envoy-dir", "/etc/envoy");
    assertEquals(0, offline.exitCode(), offline.toString());
    CliRun live = run("compile", "--overlay", overlay.toString(), "-o", temp.resolve("live").toString(),
        "--envoy-dir", "/etc/envoy");
    assertEquals(0, live.exitCode(), live.toString());
    assertEquals(files(temp.resolve("offline")), files(temp.resolve("live")));
    CliRun explain = CliRun.of("explain", "-c", mesh.toString(), "--node", "a1");
    assertEquals(0, explain.exitCode(), explain.toString());
    assertTrue(explain.out().contains("    api.svc (virtual service) -> by route, first match wins\n"
        + "      route 1: prefix /echo/, header x-team starting with \"pay\""), explain.out());
  }

  @Test
  void anOverlayWithNodesOrEndpointsIsAnErrorAndNeedsTheEcsSource() throws IOException {
    Files.writeString(overlay, "services:\n- name: x.svc\n  endpoints: [{address: 10.0.0.1, port: 80}]\nnodes: {}\n");
    CliRun run = run("compile", "--overlay", overlay.toString(), "-o", temp.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains(overlay + ":3:3: error: an overlay service lists no endpoints: the scan owns nodes"
        + " and endpoints"), run.toString());
    assertTrue(run.err().contains(overlay + ":4:1: error: an overlay has no \"nodes:\": the scan owns nodes and endpoints"),
        run.toString());

    CliRun file = CliRun.of("compile", "-c", overlay.toString(), "--overlay", overlay.toString(), "-o", temp.toString());
    assertEquals(2, file.exitCode(), file.toString());
    assertTrue(file.err().contains("--overlay need --source ecs"), file.toString());
  }

  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (!p.getFileName().toString().equals(".bent.lock")) {
          out.put(root.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return out;
  }
}
