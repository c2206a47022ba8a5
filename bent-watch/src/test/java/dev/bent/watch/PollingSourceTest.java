package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.MeshSettings;
import dev.bent.diag.Location;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PollingSourceTest {

  @Test
  void waitsTheIntervalGiveOrTakeATenth() {
    PollingSource source = new PollingSource((nodes, d) -> null, "ecs scan", Duration.ofSeconds(15), List.of());
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 2000; i++) {
      long wait = source.nextWaitMillis();
      min = Math.min(min, wait);
      max = Math.max(max, wait);
    }
    assertTrue(min >= 13_500 && max <= 16_500, min + ".." + max);
    assertTrue(max - min > 1_000, "the waits must vary: " + min + ".." + max);
  }

  @Test
  void failedScansBackOffAndASuccessReturnsToTheInterval() throws Exception {
    boolean[] fail = {true};
    PollingSource source = new PollingSource((nodes, d) -> {
      if (fail[0]) {
        throw new java.io.IOException("ECS scan failed: ListTasks (cluster prod) failed: throttled");
      }
      return new Mesh("ecs", MeshSettings.defaults(Location.of("ecs")), List.of(), List.of());
    }, "ecs scan", Duration.ofSeconds(10), List.of());
    for (int i = 0; i < 3; i++) {
      org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> source.read(new Diagnostics()));
    }
    long wait = source.nextWaitMillis();
    assertTrue(wait >= 40_000 && wait <= 80_000, "after 3 failures: " + wait);
    fail[0] = false;
    assertTrue(source.read(new Diagnostics()) != null);
    wait = source.nextWaitMillis();
    assertTrue(wait >= 9_000 && wait <= 11_000, "after a success: " + wait);
  }

  @Test
  void readsAskForTheWantedNodesEveryTime() throws Exception {
    List<Set<String>> asked = new ArrayList<>();
    Mesh mesh = new Mesh("ecs", MeshSettings.defaults(Location.of("ecs")), List.of(), List.of());
    PollingSource source = new PollingSource((nodes, d) -> {
      asked.add(nodes);
      return mesh;
    }, "ecs scan", Duration.ofSeconds(1), List.of("task-1"));
    assertEquals(mesh, source.read(new Diagnostics()));
    source.read(new Diagnostics());
    assertEquals(List.of(Set.of("task-1"), Set.of("task-1")), asked);
  }

  @Test
  void closingStopsAWaitAtOnce() throws Exception {
    PollingSource source = new PollingSource((nodes, d) -> null, "ecs scan", Duration.ofHours(1), List.of());
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return source.awaitChange();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    source.close();
    assertFalse(waiting.get(10, TimeUnit.SECONDS));
  }
}
