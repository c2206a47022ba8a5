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
 * classes); run it with {@code mvn -pl bent-compiler test -Dtest=EcsScanBenchmark}. The call counts
 * themselves are asserted by {@link EcsScanCostTest}, which does run.
 */
class EcsScanBenchmark {
  private static final int STEADY_SCANS = 10;

  @Test
  void scanOfAThousandTasks() throws IOException {
    try (FakeEcs ecs = new FakeEcs()) {
      int tasks = EcsScanCostTest.addThousandTasks(ecs);
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
        Arrays.sort(steady);
        System.out.printf(
            "EcsScanBenchmark: %d tasks in %d clusters, %d task definitions%n"
                + "  first scan:   %d calls (%d DescribeTaskDefinition), %d ms%n"
                + "  steady state: %d calls per scan, median %d ms, min %d ms, max %d ms over %d scans%n",
            tasks, EcsScanCostTest.CLUSTER_SIZES.length, EcsScanCostTest.DEFINITIONS, firstCalls, firstCalls - steadyCalls, firstMillis,
            steadyCalls, steady[STEADY_SCANS / 2], steady[0], steady[STEADY_SCANS - 1], STEADY_SCANS);
      }
    }
  }
}
