package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.ecs.MetadataServer;
import dev.bent.source.ecs.TaskMetadata;
import dev.bent.source.s3.LocalS3;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet pattern end to end, every bent a process of its own: one scanner ({@code bent scan
 * --watch}) publishes the ECS mesh to a local S3 server, and three sidecars ({@code bent watch -c
 * s3://... --node auto}, each with its own task metadata endpoint) follow it. Tasks start, stop and
 * turn unhealthy in the local ECS; each sidecar's node directory follows; a scan outage changes
 * nothing.
 */
class FleetEndToEndTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final String SNAPSHOT = "s3://mesh/mesh.yaml";

  @TempDir Path dir;

  @Test
  void sidecarsFollowTheFleetThroughOneScannerAndS3() throws Exception {
    try (FakeEcs ecs = new FakeEcs(); LocalS3 s3 = LocalS3.start()) {
      s3.createBucket("mesh");
      String echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
      String beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
          "envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "a1", echo);                                   // 10.0.0.2
      ecs.addTask("prod", "b1", beta);                                   // 10.0.0.3
      ecs.addTask("prod", "b2", beta);                                   // 10.0.0.4
      ecs.addTask("prod", "s1", beta).put("lastStatus", "PENDING");      // 10.0.0.5, starting
      List<AutoCloseable> running = new ArrayList<>();
      try {
        MetadataServer a1 = metadata(running, "a1", "echo", 1, "RUNNING", "10.0.0.2", Labels.seedEcho());
        MetadataServer b1 = metadata(running, "b1", "beta", 3, "RUNNING", "10.0.0.3", Labels.containers(
            "envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
        MetadataServer s1 = metadata(running, "s1", "beta", 3, "PENDING", "10.0.0.5", Labels.containers(
            "envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
        WatchProcess scanner = start(running, env(s3, "scanner"), "scan", "--source", "ecs",
            "--endpoint-url", ecs.endpoint().toString(), "--watch", "-o", SNAPSHOT, "--interval", "1s");
        scanner.awaitLine("published " + SNAPSHOT, TIMEOUT);
        Map<String, WatchProcess> sidecars = new HashMap<>();
        for (var entry : Map.of("a1", a1, "b1", b1, "s1", s1).entrySet()) {
          Map<String, String> env = env(s3, "sidecar");
          env.put(TaskMetadata.ENV, entry.getValue().base());
          sidecars.put(entry.getKey(), start(running, env, "watch", "-c", SNAPSHOT, "--node", "auto",
              "-o", "out-" + entry.getKey(), "--interval", "1s"));
        }

        // Every sidecar compiles, the starting one too; a starting task is no endpoint yet.
        awaitCds("a1", c -> c.contains("10.0.0.3") && c.contains("10.0.0.4") && !c.contains("10.0.0.5"), sidecars);
        awaitCds("s1", c -> c.contains("local_beta.svc") && c.contains("10.0.0.5") && c.contains("10.0.0.2"), sidecars);

        // s1 starts running: it becomes an endpoint of beta.svc everywhere.
        ecs.update("prod", "s1", t -> t.put("lastStatus", "RUNNING"));
        awaitCds("a1", c -> c.contains("10.0.0.5"), sidecars);
        awaitCds("b1", c -> c.contains("10.0.0.5"), sidecars);

        // b2 is stopped: it leaves at the next scan.
        ecs.stopTask("prod", "b2");
        awaitCds("a1", c -> !c.contains("10.0.0.4"), sidecars);

        // b1 turns unhealthy: no longer an endpoint, but its own sidecar keeps its ingress.
        ecs.update("prod", "b1", t -> t.put("healthStatus", "UNHEALTHY"));
        awaitCds("a1", c -> !c.contains("10.0.0.3") && c.contains("10.0.0.5"), sidecars);
        awaitCds("b1", c -> c.contains("local_beta.svc") && c.contains("10.0.0.3"), sidecars);

        // A scan outage: every scan fails, and no sidecar's configuration changes.
        Map<String, String> before = new HashMap<>();
        for (String node : sidecars.keySet()) {
          before.put(node, live(node));
        }
        for (int i = 0; i < 200; i++) {
          ecs.fail("ListTasks", 500, "ServiceUnavailableException");
        }
        scanner.awaitLine("scan or publish failed", TIMEOUT);
        Thread.sleep(3000);
        for (String node : sidecars.keySet()) {
          assertEquals(before.get(node), live(node), node + " changed during a scan outage");
        }
        assertTrue(s3.text("mesh", "mesh.yaml").orElseThrow().contains("\"s1\""));
      } finally {
        for (AutoCloseable c : running) {
          c.close();
        }
      }
    }
  }

  private MetadataServer metadata(List<AutoCloseable> running, String id, String family, int revision,
      String status, String address, Map<String, Map<String, String>> labels) throws IOException {
    MetadataServer server = new MetadataServer(200,
        MetadataServer.taskJson("prod", id, family, revision, status, address, labels));
    running.add(server);
    return server;
  }

  private WatchProcess start(List<AutoCloseable> running, Map<String, String> env, String... args)
      throws IOException {
    WatchProcess process = WatchProcess.start(dir, env, args);
    running.add(0, process);
    return process;
  }

  /** A process's environment: the local S3 as its S3 endpoint, no other AWS. */
  private static Map<String, String> env(LocalS3 s3, String identity) {
    Map<String, String> env = OwnTaskProcessTest.awsEnv(
        "AWS_ACCESS_KEY_ID", identity,
        "AWS_SECRET_ACCESS_KEY", LocalS3.secret(identity),
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
        "BENT_S3_PATH_STYLE", "true",
        "AWS_REQUEST_CHECKSUM_CALCULATION", "when_required",
        "AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
    return env;
  }

  private String live(String node) throws IOException {
    return Files.readSymbolicLink(dir.resolve("out-" + node).resolve("..data")).toString();
  }

  private void awaitCds(String node, Predicate<String> condition, Map<String, WatchProcess> sidecars)
      throws InterruptedException {
    Path cds = dir.resolve("out-" + node).resolve("cds.yaml");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        last = Files.readString(cds);
        if (condition.test(last)) {
          return;
        }
      } catch (IOException e) {
        // Not written yet.
      }
      Thread.sleep(50);
    }
    throw new AssertionError(node + ": cds.yaml never matched; last:\n" + last + "\nstderr:\n"
        + sidecars.get(node).stderr());
  }
}
