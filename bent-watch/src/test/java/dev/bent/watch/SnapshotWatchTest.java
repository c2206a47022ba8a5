package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.s3.LocalS3;
import dev.bent.source.s3.S3Location;
import dev.bent.source.s3.S3MeshSource;
import dev.bent.source.s3.S3Snapshots;
import dev.bent.write.OutputLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch over a snapshot in the local S3: waits for it, compiles each change, and only polls while it is unchanged. */
class SnapshotWatchTest {
  private static final S3Location SNAPSHOT = new S3Location("fleet", "prod/mesh.yaml");
  @TempDir Path dir;
  private LocalS3 s3;
  private S3MeshSource mesh;
  private Thread loop;
  private Watcher watcher;
  private final StringWriter log = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket("fleet");
    // The sidecar's documented policy: s3:GetObject only, so a missing key is 403.
    s3.restrict("sidecar", Set.of("s3:GetObject"));
    mesh = new S3MeshSource(S3Snapshots.create(s3.settings("sidecar")), SNAPSHOT);
    SnapshotSource source = new SnapshotSource(mesh, Duration.ofMillis(100), List.of());
    watcher = new Watcher(source, List.of(), OutputLayout.of(dir.resolve("out"), null, false),
        new WatchStatus(Clock.systemUTC()), new WatchLog(new PrintWriter(log, true)));
    loop = new Thread(() -> {
      try {
        watcher.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    watcher.stop();
    loop.join();
    s3.close();
  }

  private String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private long compiles() {
    return log().lines().filter(l -> l.contains("compiled in") || l.contains("published")).count();
  }

  @Test
  void aMissingSnapshotIsWaitedForThenEachChangeIsCompiledAndUnchangedCostsOnePollAndNoCompile() throws Exception {
    loop.start();
    await(() -> log().contains("watching s3://fleet/prod/mesh.yaml"), "the loop to start");
    assertTrue(log().contains("403"), log());
    assertFalse(Files.exists(dir.resolve("out/n00/bootstrap.yaml")));

    s3.put("fleet", "prod/mesh.yaml", MeshVersions.mesh(1, 2));
    Path bootstrap = dir.resolve("out/n00/bootstrap.yaml");
    await(() -> Files.exists(bootstrap), "the first snapshot to be compiled");

    long compiles = compiles();
    long requests = mesh.requests();
    await(() -> mesh.requests() >= requests + 3, "three more polls");
    assertEquals(compiles, compiles(), "an unchanged snapshot is not compiled again:\n" + log());

    s3.put("fleet", "prod/mesh.yaml", MeshVersions.mesh(2, 3));
    await(() -> Files.exists(dir.resolve("out/n02/bootstrap.yaml")), "the change to be compiled");
    assertEquals(Set.of("s3:GetObject"), s3.observed("sidecar"));
  }

  @Test
  void failedPollsWaitExponentiallyLonger() throws Exception {
    LocalS3 gone = LocalS3.start();
    S3MeshSource unreachable = new S3MeshSource(S3Snapshots.create(gone.settings("sidecar")), SNAPSHOT);
    gone.close();
    try (SnapshotSource source = new SnapshotSource(unreachable, Duration.ofMillis(100), List.of())) {
      long first = source.nextWaitMillis();
      assertTrue(first >= 90 && first <= 110, "before any failure: " + first);
      for (int i = 0; i < 3; i++) {
        assertTrue(source.awaitChange(), "a failed poll wakes the loop");
        assertThrows(java.io.IOException.class, () -> source.read(new dev.bent.diag.Diagnostics()));
      }
      long wait = source.nextWaitMillis();
      assertTrue(wait >= 400 && wait <= 800, "after 3 failed polls: " + wait);
    }
  }
}
