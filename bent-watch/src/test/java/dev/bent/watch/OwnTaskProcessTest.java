package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.ecs.MetadataServer;
import dev.bent.source.ecs.TaskMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --node auto} over a mesh snapshot, as an init container and a watch sidecar run it: each
 * in its own process, with ECS_CONTAINER_METADATA_URI_V4 pointing at a local metadata endpoint.
 */
class OwnTaskProcessTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  /** What every process gets: no AWS beyond the loopback fakes. */
  static Map<String, String> awsEnv(String... more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "AWS_REGION", FakeEcs.REGION,
        "AWS_ACCESS_KEY_ID", "AKIDBENTTEST",
        "AWS_SECRET_ACCESS_KEY", "bent-test-secret",
        "AWS_EC2_METADATA_DISABLED", "true"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void theInitContainerOfATaskTheSnapshotDoesNotListYetSucceedsAndTheSidecarFollowsTheSnapshot()
      throws Exception {
    try (FakeEcs ecs = new FakeEcs()) {
      String beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
          "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "b1", beta);
      String starting = MetadataServer.taskJson("prod", "new1", "echo", 2, "PENDING", "10.0.9.9",
          Labels.seedEcho());
      try (MetadataServer metadata = new MetadataServer(200, starting)) {
        Map<String, String> env = awsEnv(TaskMetadata.ENV, metadata.base());
        scan(ecs, env);
        try (WatchProcess init = WatchProcess.start(dir, env,
            "compile", "-c", "mesh.yaml", "--node", "auto", "-o", "init")) {
          assertEquals(0, init.exitStatus(TIMEOUT), init.stderr());
        }
        String cds = Files.readString(dir.resolve("init/cds.yaml"));
        assertTrue(cds.contains("local_echo.alpha") && cds.contains("10.0.9.9"), cds);
        assertTrue(cds.contains("beta.svc") && cds.contains("10.0.0.2"), cds);
        assertTrue(Files.readString(dir.resolve("init/bootstrap.yaml")).contains("id: new1"));

        try (WatchProcess watch = WatchProcess.start(dir, env,
            "watch", "-c", "mesh.yaml", "--node", "auto", "-o", "sidecar", "--debounce", "20ms")) {
          watch.awaitLine("^bent: watching mesh.yaml", TIMEOUT);
          ecs.addTask("prod", "b2", beta);
          scan(ecs, env);
          watch.awaitLine("^bent: publish 2: .*new1", TIMEOUT);
          awaitContains(dir.resolve("sidecar/cds.yaml"), "10.0.0.3", watch);
          assertEquals(0, watch.terminate(TIMEOUT), watch.stderr());
        }
      }
    }
  }

  private void scan(FakeEcs ecs, Map<String, String> env) throws Exception {
    try (WatchProcess scan = WatchProcess.start(dir, env, "scan", "--source", "ecs",
        "--endpoint-url", ecs.endpoint().toString(), "-o", "mesh.yaml")) {
      assertEquals(0, scan.exitStatus(TIMEOUT), scan.stderr());
    }
  }

  private static void awaitContains(Path file, String text, WatchProcess watch) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.readString(file).contains(text)) {
          return;
        }
      } catch (java.io.IOException e) {
        // Not written yet.
      }
      Thread.sleep(20);
    }
    throw new AssertionError(file + " never contained " + text + "; stderr:\n" + watch.stderr());
  }
}
