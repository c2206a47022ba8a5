package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watcher in its own process while the mesh is saved fifty times, alternately by rename and in
 * place, and a reader resolves the node directory the way Envoy does throughout.
 */
class WatchEndToEndTest {
  private static final int REWRITES = 50;
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  /** What the reader saw: each version seen as a whole set, and every set that was not whole. */
  private final Set<Integer> seen = new TreeSet<>();
  private final AtomicInteger latest = new AtomicInteger(-1);
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger torn = new AtomicInteger();

  @Test
  void everySetAReaderResolvesIsCompleteAndFromOneMeshVersion() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path node = dir.resolve("out");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(0, 3));
    AtomicBoolean done = new AtomicBoolean();
    Thread reader = new Thread(() -> readUntil(node, done), "envoy-like-reader");
    try (WatchProcess watch =
        WatchProcess.start(dir, "watch", "-c", "mesh.yaml", "-o", "out", "--node", "n01", "--debounce", "20ms")) {
      watch.awaitLine("^bent: watching mesh.yaml", PUBLISH_TIMEOUT);
      reader.start();
      awaitSeen(0, watch);
      for (int version = 1; version <= REWRITES; version++) {
        String text = MeshVersions.mesh(version, 3);
        if (version % 2 == 0) {
          MeshVersions.writeByRename(mesh, text);
        } else {
          MeshVersions.writeInPlace(mesh, text);
        }
        awaitSeen(version, watch);
      }
      done.set(true);
      reader.join();
      assertEquals(0, watch.terminate(PUBLISH_TIMEOUT), watch.stderr());
    }
    assertEquals(List.of(), failures, "sets that were incomplete or mixed (" + torn + " reads raced a swap)");
    Set<Integer> all = new TreeSet<>();
    for (int v = 0; v <= REWRITES; v++) {
      all.add(v);
    }
    assertEquals(all, seen, "every version is published and seen whole");
  }

  /** Waits until the reader has seen {@code version}, or a failure, or the timeout. */
  private void awaitSeen(int version, WatchProcess watch) throws InterruptedException {
    long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
    synchronized (latest) {
      while (latest.get() < version && failures.isEmpty() && System.nanoTime() < deadline) {
        latest.wait(100);
      }
    }
    assertTrue(failures.isEmpty(), "reader failures: " + failures);
    assertTrue(latest.get() >= version, "version " + version + " was not published; stderr:\n" + watch.stderr());
  }

  /**
   * Reads the directory again and again. A read during which {@code ..data} moved may mix two
   * generations: Envoy answers that by reading again on the move event, so such a read is only
   * counted. Any other read must give a complete set from one version, versions never go back,
   * and no read ever fails: the rewrites are paced so that at most one swap falls within a read,
   * and an atomic swap leaves nothing missing at any moment.
   */
  private void readUntil(Path node, AtomicBoolean done) {
    while (!done.get()) {
      Optional<String> before = NodeDirectory.live(node);
      try {
        Map<String, String> files = NodeDirectory.readLikeEnvoy(node);
        Optional<String> after = NodeDirectory.live(node);
        if (before.isEmpty() || after.isEmpty()) {
          failures.add("..data was missing");
        } else if (!after.equals(before)) {
          torn.incrementAndGet();
        } else {
          record(NodeDirectory.consistentVersion(files));
        }
      } catch (Exception | AssertionError e) {
        failures.add("generation " + before.orElse("(none)") + ": " + e);
      }
    }
  }

  private void record(int version) {
    synchronized (latest) {
      if (version < latest.get()) {
        failures.add("went back from version " + latest.get() + " to " + version);
      }
      seen.add(version);
      latest.set(Math.max(latest.get(), version));
      latest.notifyAll();
    }
  }
}
