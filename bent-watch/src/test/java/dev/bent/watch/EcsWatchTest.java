package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.MeshOverlay;
import dev.bent.source.MeshSource;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.write.OutputLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch mode over an ECS scan, one cycle at a time, against the local ECS endpoint. */
class EcsWatchTest {
  @TempDir Path dir;

  @Test
  void aServiceThatVanishesIsHeldThenScaleToZeroIsHealthy() throws Exception {
    vanishingServiceIsHeldThenScaleToZeroIsHealthy(scan -> scan);
  }

  @Test
  void theValveIsCountedThroughAnOverlay() throws Exception {
    Path overlay = Files.writeString(dir.resolve("overlay.yaml"), "mesh:\n  accessLog: {enabled: false}\n");
    vanishingServiceIsHeldThenScaleToZeroIsHealthy(scan -> MeshOverlay.over(scan, overlay, false));
  }

  private void vanishingServiceIsHeldThenScaleToZeroIsHealthy(UnaryOperator<MeshSource> layer) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    StringWriter log = new StringWriter();
    WatchStatus status = new WatchStatus(Clock.systemUTC());
    try (FakeEcs ecs = new FakeEcs()) {
      String beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
          "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "b1", beta);
      ecs.addTask("prod", "b2", beta);
      EcsSource ecsSource = EcsSource.using(ecs.client(ecs.options()), ecs.options());
      try (PollingSource source = new PollingSource(layer.apply(ecsSource), "ecs scan", Duration.ofSeconds(1), List.of())) {
        Watcher watcher = new Watcher(source, List.of(), OutputLayout.of(out, null, false), status,
            new WatchLog(new PrintWriter(log, true)));
        assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
        String before = Files.readString(out.resolve("b1/cds.yaml"));
        ecs.removeTask("prod", "b1");
        ecs.removeTask("prod", "b2");
        assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
        assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
        assertEquals(before, Files.readString(out.resolve("b1/cds.yaml")), "held: nothing changed");
        assertTrue(log.toString().contains("kept until 3 consecutive scans agree"), log.toString());
        String metrics = MetricsPage.render(status.snapshot());
        assertTrue(metrics.contains("bent_scan_holds_total 2\n"), metrics);
        assertTrue(metrics.contains("bent_scan_held_tasks 2\n"), metrics);
        assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), "scale to zero is a valid state once scans agree: " + log);
        assertTrue(status.health().ok(), status.health().reason());
        assertTrue(log.toString().contains("3 consecutive scans agree that 2 tasks are gone"), log.toString());
      }
    }
  }
}
