package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.write.GenerationWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of publishing, again and again: every node directory must hold the
 * previous or the new generation, whole, and the next start must clean up what the kill left.
 *
 * <p>Each kill costs one JVM start (about 2 s of CPU on a small machine), so the default is 12
 * kills; {@code -Dbent.crashTest.kills=200} runs a longer soak.
 */
class CrashSafetyTest {
  private static final int NODES = 12;
  private static final int KILLS = Integer.getInteger("bent.crashTest.kills", 12);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aKillMidPublishLeavesEveryNodeWholeAndARestartCleansUp() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path out = dir.resolve("out");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(0, NODES));
    try (WatchProcess first = start()) {
      first.awaitLine("^bent: watching", TIMEOUT);
    }
    int[] versions = new int[NODES];
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int interrupted = 0;
    int leftLeftovers = 0;
    for (int version = 1; version <= KILLS; version++) {
      Map<Path, Optional<String>> before = NodeDirectory.liveGenerations(nodes(out));
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(version, NODES));
      try (WatchProcess watch = start()) {
        NodeDirectory.awaitAnySwap(before, TIMEOUT, watch);
        // A random extra moment, so that kills land in every step of a node's write.
        LockSupport.parkNanos(random.nextInt(20_000_000));
        watch.kill();
      }
      boolean whole = true;
      for (int n = 0; n < NODES; n++) {
        Path node = out.resolve(MeshVersions.node(n));
        int live = NodeDirectory.checkAtRest(node);
        assertTrue(live == versions[n] || live == version,
            "node " + n + " holds version " + live + ", neither the previous " + versions[n] + " nor " + version);
        whole &= live == version;
        versions[n] = live;
        leftLeftovers += NodeDirectory.leftovers(node).isEmpty() ? 0 : 1;
      }
      interrupted += whole ? 0 : 1;
    }
    assertRestartCleansUp(out);
    String context = " (random seed " + seed + ")";
    assertTrue(interrupted >= KILLS / 4, "only " + interrupted + " kills landed mid-publish" + context);
    assertTrue(leftLeftovers > 0, "no kill left anything for the restart to clean up" + context);
  }

  private void assertRestartCleansUp(Path out) throws IOException, InterruptedException {
    try (WatchProcess watch = start()) {
      watch.awaitLine("^bent: watching", TIMEOUT);
      for (int n = 0; n < NODES; n++) {
        Path node = out.resolve(MeshVersions.node(n));
        assertEquals(KILLS, NodeDirectory.checkAtRest(node), "node " + n + " after the restart");
        assertEquals(List.of(), NodeDirectory.leftovers(node), "leftovers in node " + n);
        assertTrue(NodeDirectory.generations(node).size() <= 1 + GenerationWriter.KEPT_GENERATIONS,
            "generations kept in node " + n + ": " + NodeDirectory.generations(node));
      }
      assertEquals(0, watch.terminate(TIMEOUT), watch.stderr());
    }
  }

  private WatchProcess start() throws IOException {
    return WatchProcess.start(dir, "watch", "-c", "mesh.yaml", "-o", "out", "--debounce", "20ms");
  }

  private static List<Path> nodes(Path out) {
    List<Path> nodes = new java.util.ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      nodes.add(out.resolve(MeshVersions.node(n)));
    }
    return nodes;
  }
}
