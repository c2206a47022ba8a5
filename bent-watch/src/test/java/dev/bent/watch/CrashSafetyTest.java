package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of publishing, again and again: every node directory must hold the
 * previous or the new generation, whole, and the next start must clean up what the kill left.
 *
 * <p>Each kill lands at a chosen moment: the writer is held ({@link HeldMain}) just before one
 * numbered step of one node's write, and killed there. The steps take turns (1, 3, 4, 5, 6, 7),
 * so every kill is mid-publish and every step is hit; the node is drawn from a seeded random
 * generator, printed so that a failure can be repeated with {@code -Dbent.crashTest.seed=N}.
 * Each kill costs one JVM start (about 2 s of CPU on a small machine), so the default is 12
 * kills; {@code -Dbent.crashTest.kills=200} runs a longer soak.
 */
class CrashSafetyTest {
  private static final int NODES = 12;
  private static final int KILLS = Integer.getInteger("bent.crashTest.kills", 12);
  private static final int[] STEPS = {1, 3, 4, 5, 6, 7};
  /** The step that swaps ..data: held before it, a node still has the old version. */
  private static final int SWAP = 4;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aKillAtEachStepOfAPublishLeavesEveryNodeWholeAndARestartCleansUp() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path out = dir.resolve("out");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(0, NODES));
    try (WatchProcess first = start()) {
      first.awaitLine("^bent: watching", TIMEOUT);
    }
    int[] versions = new int[NODES];
    long seed = Long.getLong("bent.crashTest.seed", System.nanoTime());
    System.out.println("CrashSafetyTest: -Dbent.crashTest.seed=" + seed);
    Random random = new Random(seed);
    for (int version = 1; version <= KILLS; version++) {
      int step = STEPS[(version - 1) % STEPS.length];
      int held = random.nextInt(NODES);
      String context = " (kill " + version + " at step " + step + " of node " + held + ", seed " + seed + ")";
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(version, NODES));
      try (WatchProcess watch = WatchProcess.startHeld(dir, MeshVersions.node(held), step, null, args())) {
        watch.awaitLine("^bent-test: held ", TIMEOUT);
        watch.kill();
      }
      int previous = versions[held];
      for (int n = 0; n < NODES; n++) {
        Path node = out.resolve(MeshVersions.node(n));
        int live = NodeDirectory.checkAtRest(node);
        assertTrue(live == versions[n] || live == version,
            "node " + n + " holds version " + live + ", neither the previous " + versions[n] + " nor " + version + context);
        versions[n] = live;
      }
      Path heldNode = out.resolve(MeshVersions.node(held));
      assertEquals(step <= SWAP ? previous : version, versions[held],
          "the held node has the old version until the swap, the new one after" + context);
      if (step == 3) {
        assertFalse(NodeDirectory.leftovers(heldNode).isEmpty(), "a kill mid-write leaves a temporary" + context);
      }
    }
    assertRestartCleansUp(out);
  }

  private void assertRestartCleansUp(Path out) throws IOException, InterruptedException {
    try (WatchProcess watch = start()) {
      watch.awaitLine("^bent: watching", TIMEOUT);
      for (int n = 0; n < NODES; n++) {
        Path node = out.resolve(MeshVersions.node(n));
        assertEquals(KILLS, NodeDirectory.checkAtRest(node), "node " + n + " after the restart");
        assertEquals(List.of(), NodeDirectory.leftovers(node), "leftovers in node " + n);
        assertTrue(NodeDirectory.generations(node).size() <= 3, // the live one and two kept
            "generations kept in node " + n + ": " + NodeDirectory.generations(node));
      }
      assertEquals(0, watch.terminate(TIMEOUT), watch.stderr());
    }
  }

  private WatchProcess start() throws IOException {
    return WatchProcess.start(dir, args());
  }

  private static String[] args() {
    return new String[] {"watch", "-c", "mesh.yaml", "-o", "out", "--debounce", "20ms"};
  }

  private static List<Path> nodes(Path out) {
    List<Path> nodes = new java.util.ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      nodes.add(out.resolve(MeshVersions.node(n)));
    }
    return nodes;
  }
}
