package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.resolve.Credentials;
import dev.bent.source.ecs.EcsOptions;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner loop against the local ECS: its schedule after failures, and the scan's warnings in its log. */
class ScanLoopTest {
  @TempDir Path dir;
  private FakeEcs ecs;
  private EcsSource source;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    ecs = new FakeEcs();
    String beta = ecs.addDefinition("beta", 1, "awsvpc",
        Labels.containers("envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
    for (String id : List.of("b1", "b2", "b3", "b4")) {
      ecs.addTask("prod", id, beta);
    }
    EcsOptions options = ecs.options();
    source = EcsSource.using(ecs.client(options), options);
  }

  @AfterEach
  void stop() {
    source.close();
    ecs.close();
  }

  private ScanLoop loop(Duration interval) {
    SnapshotScanner scanner = new SnapshotScanner(source, ScanFilter.none(), new Credentials(dir, System::getenv),
        Clock.systemUTC());
    return new ScanLoop(scanner, new SnapshotFile(dir.resolve("mesh.yaml")), interval, log::add);
  }

  @Test
  void failedScansWaitExponentiallyLongerAndASuccessReturnsToTheInterval() throws Exception {
    ScanLoop loop = loop(Duration.ofSeconds(10));
    for (int i = 0; i < 3; i++) {
      ecs.fail("ListTasks", 400, "AccessDeniedException");
      loop.once();
    }
    long wait = loop.nextWaitMillis();
    assertTrue(wait >= 40_000 && wait <= 80_000, "after 3 failures: " + wait);
    assertTrue(log.get(2).startsWith("scan or publish failed: ") && log.get(2).contains("3 failures in a row"),
        String.join("\n", log));
    assertFalse(Files.exists(dir.resolve("mesh.yaml")), "a failed scan publishes nothing");

    loop.once();
    assertTrue(log.get(log.size() - 1).startsWith("published "), String.join("\n", log));
    wait = loop.nextWaitMillis();
    assertTrue(wait >= 9_000 && wait <= 11_000, "after a success: " + wait);
  }

  @Test
  void tasksHeldByTheValveAreLoggedWhenTheHoldBeginsAndWhenItEnds() throws Exception {
    ScanLoop loop = loop(Duration.ofSeconds(10));
    loop.once();
    for (String id : List.of("b2", "b3", "b4")) {
      ecs.removeTask("prod", id);
    }
    loop.once();
    String held = String.join("\n", log);
    assertTrue(held.contains("3 tasks vanished from the scan without a stop record"), held);
    assertTrue(Files.readString(dir.resolve("mesh.yaml")).contains("\"b4\""), "held tasks stay in the snapshot");

    loop.once();
    loop.once();
    String released = String.join("\n", log);
    assertTrue(released.contains("3 consecutive scans agree that 3 tasks are gone"), released);
    assertFalse(Files.readString(dir.resolve("mesh.yaml")).contains("\"b4\""), released);
  }
}
