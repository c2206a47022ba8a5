package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scan cost for 1,000 tasks in 3 clusters against the local ECS endpoint: calls per scan and wall
 * time, first scan and steady state. Not part of the default test run (surefire runs *Test
 * classes); run it with {@code mvn -pl bent-compiler test -Dtest=EcsScanBenchmark}.
 */
class EcsScanBenchmark {
  private static final int[] SIZES = {400, 350, 250};
  private static final int DEFINITIONS = 20;
  private static final int STEADY_SCANS = 10;

  @Test
  void scanOfAThousandTasks() throws IOException {
    try (FakeEcs ecs = new FakeEcs()) {
      String[] definitions = new String[DEFINITIONS];
      for (int d = 0; d < DEFINITIONS; d++) {
        definitions[d] = ecs.addDefinition("svc" + d, 1, "awsvpc", Labels.containers(
            "envoy", Labels.of(),
            "app", Labels.of("envoy.service.svc" + d + ".internal", "app:8080",
                "envoy.service.svc" + d + ".internal.annotations.healthcheck.path", "/healthz")));
      }
      int tasks = 0;
      for (int c = 0; c < SIZES.length; c++) {
        for (int i = 0; i < SIZES[c]; i++) {
          ecs.addTask("cluster" + c, String.format("c%dt%05d", c, i), definitions[tasks % DEFINITIONS]);
          tasks++;
        }
      }
      EcsOptions options = ecs.options();
      try (EcsSource source = EcsSource.using(ecs.client(options), options)) {
        long start = System.nanoTime();
        Mesh first = source.read(Set.of(), new Diagnostics());
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        int firstCalls = ecs.calls();
        assertEquals(tasks, first.nodes().size());

        long[] steady = new long[STEADY_SCANS];
        int steadyCalls = 0;
        for (int i = 0; i < STEADY_SCANS; i++) {
          ecs.resetCalls();
          start = System.nanoTime();
          source.read(Set.of(), new Diagnostics());
          steady[i] = (System.nanoTime() - start) / 1_000_000;
          steadyCalls = ecs.calls();
        }
        int expected = 1 + Arrays.stream(SIZES).map(n -> 2 * ((n + 99) / 100)).sum();
        assertEquals(expected, steadyCalls);
        Arrays.sort(steady);
        System.out.printf(
            "EcsScanBenchmark: %d tasks in %d clusters, %d task definitions%n"
                + "  first scan:   %d calls (%d DescribeTaskDefinition), %d ms%n"
                + "  steady state: %d calls per scan, median %d ms, min %d ms, max %d ms over %d scans%n",
            tasks, SIZES.length, DEFINITIONS, firstCalls, firstCalls - steadyCalls, firstMillis,
            steadyCalls, steady[STEADY_SCANS / 2], steady[0], steady[STEADY_SCANS - 1], STEADY_SCANS);
      }
    }
  }
}
