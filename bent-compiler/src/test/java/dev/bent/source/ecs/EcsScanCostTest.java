package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.diag.Diagnostics;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The number of ECS calls a scan makes, as the README states it: for 1,000 tasks in clusters of
 * 400, 350 and 250, 23 calls per scan in steady state, and one DescribeTaskDefinition more per
 * revision on the first scan.
 */
class EcsScanCostTest {
  static final int[] CLUSTER_SIZES = {400, 350, 250};
  static final int DEFINITIONS = 20;

  /** Adds 1,000 tasks of 20 task definitions in three clusters; returns the number of tasks. */
  static int addThousandTasks(FakeEcs ecs) {
    String[] definitions = new String[DEFINITIONS];
    for (int d = 0; d < DEFINITIONS; d++) {
      definitions[d] = ecs.addDefinition("svc" + d, 1, "awsvpc", Labels.containers(
          "envoy", Labels.of(),
          "app", Labels.of("envoy.service.svc" + d + ".internal", "app:8080",
              "envoy.service.svc" + d + ".internal.annotations.healthcheck.path", "/healthz")));
    }
    int tasks = 0;
    for (int c = 0; c < CLUSTER_SIZES.length; c++) {
      for (int i = 0; i < CLUSTER_SIZES[c]; i++) {
        ecs.addTask("cluster" + c, String.format("c%dt%05d", c, i), definitions[tasks % DEFINITIONS]);
        tasks++;
      }
    }
    return tasks;
  }

  @Test
  void aScanOfAThousandTasksMakesTwentyThreeCallsOnceItHasSeenEveryRevision() throws IOException {
    try (FakeEcs ecs = new FakeEcs()) {
      assertEquals(1000, addThousandTasks(ecs));
      EcsOptions options = ecs.options();
      try (EcsSource source = EcsSource.using(ecs.client(options), options)) {
        assertEquals(1000, source.read(Set.of(), new Diagnostics()).nodes().size());
        // ListClusters 1, ListTasks 4 + 4 + 3, DescribeTasks 4 + 4 + 3, DescribeTaskDefinition 20.
        assertEquals(43, ecs.calls(), "first scan");
        assertEquals(20, ecs.calls("DescribeTaskDefinition"), "first scan");
        ecs.resetCalls();
        source.read(Set.of(), new Diagnostics());
        assertEquals(23, ecs.calls(), "second scan");
        assertEquals(0, ecs.calls("DescribeTaskDefinition"), "second scan");
      }
    }
  }
}
