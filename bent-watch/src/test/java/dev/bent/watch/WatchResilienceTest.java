package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.write.GenerationWriter;
import dev.bent.write.OutputLayout;
import dev.bent.write.WriteStepHook;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running watch loop (on its own thread, as {@code bent watch} runs it) never ends because of
 * its input or a failed write: it reports, keeps the last good output live, retries a failed
 * publish and publishes the next good save.
 */
class WatchResilienceTest {
  private static final int NODES = 3;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final StringWriter log = new StringWriter();
  private final WatchStatus status = new WatchStatus(Clock.systemUTC());
  private Thread loop;
  private Watcher watcher;
  private final List<Throwable> escaped = new ArrayList<>();

  @AfterEach
  void stopLoop() throws InterruptedException {
    GenerationWriter.setStepHook(WriteStepHook.NONE);
    if (watcher != null) {
      watcher.stop();
      loop.join(TIMEOUT.toMillis());
    }
  }

  @Test
  void inputsThatCrashedTheReaderAndABugInBentLeaveTheWatchRunning() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, NODES).replace("port: 3000", "port: !!binary AAAA"));
    AtomicBoolean bug = new AtomicBoolean();
    FileMeshSource files = FileMeshSource.open(mesh, Duration.ZERO, Duration.ofMillis(50));
    start(new BuggySource(files, bug));
    awaitCompiles(1);
    assertFalse(status.health().ok(), "a bad mesh at start is reported, not an exit");

    MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, NODES));
    await(() -> status.health().ok() && version() == 2, "the first good save is published");
    for (String bad : List.of("port: 99999999999999999999", "port: 0x10", "port: !!binary AAAA")) {
      long compiles = status.snapshot().compiles();
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, NODES).replace("port: 3000", bad) + "# " + bad + "\n");
      awaitCompiles(compiles + 1);
      assertTrue(loop.isAlive(), bad + ": " + log);
      assertEquals(2, version(), bad + " left the last good output live");
    }
    bug.set(true);
    long compiles = status.snapshot().compiles();
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(3, NODES));
    awaitCompiles(compiles + 1);
    assertTrue(loop.isAlive(), log.toString());
    assertFalse(status.health().ok());
    assertTrue(status.health().reason().startsWith("internal error compiling"), status.health().reason());
    assertTrue(log.toString().contains("IllegalStateException: a bug in the reader"), log.toString());
    assertEquals(2, version());

    bug.set(false);
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(4, NODES));
    await(() -> status.health().ok() && version() == 4, "the next good save is published");
    assertEquals(List.of(), escaped);
  }

  @Test
  void aFailedPublishIsRetriedWithBackoffUntilItCompletesWithoutAnEdit() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, NODES));
    AtomicBoolean diskFull = new AtomicBoolean(true);
    GenerationWriter.setStepHook((directory, step) -> {
      if (diskFull.get() && step == 3 && directory.endsWith(MeshVersions.node(1))) {
        throw new IOException(directory + ": No space left on device");
      }
    });
    start(FileMeshSource.open(mesh, Duration.ZERO, Duration.ofHours(1)));

    await(() -> status.snapshot().publishRetries() >= 3, "three retries");
    assertTrue(status.health().reason().matches("cannot publish: .*No space left on device; retry \\d+ in \\d+ ms"),
        status.health().reason());
    String metrics = MetricsPage.render(status.snapshot());
    assertTrue(metrics.contains("\nbent_publish_retry_pending 1\n"), metrics);
    assertTrue(log.toString().contains("bent: retrying the publish (attempt 2) in 20 ms"), log.toString());

    diskFull.set(false);
    await(() -> status.health().ok(), "the retry completes the publish");
    assertEquals(1, version());
    assertTrue(MetricsPage.render(status.snapshot()).contains("\nbent_publish_retry_pending 0\n"));
    assertTrue(loop.isAlive());
  }

  /**
   * Random bad and good saves, one after another: after each, the loop is alive, a good save is
   * live on every node and {@code /healthz} is ok, and a bad one leaves the last good save live
   * and {@code /healthz} failing. {@code -Dbent.watchEdits.seed=N} repeats a run,
   * {@code -Dbent.watchEdits.count=N} makes it longer.
   */
  @Test
  void aWatchFedRandomBadAndGoodEditsStaysAliveAndServesTheLastGood() throws Exception {
    long seed = Long.getLong("bent.watchEdits.seed", System.nanoTime());
    int edits = Integer.getInteger("bent.watchEdits.count", 30);
    System.out.println("WatchResilienceTest random edits: -Dbent.watchEdits.seed=" + seed);
    java.util.Random random = new java.util.Random(seed);
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, BadEdits.apply(MeshVersions.mesh(0, NODES), 0, 0));
    start(FileMeshSource.open(mesh, Duration.ZERO, Duration.ofMillis(50)));
    awaitCompiles(1);
    int lastGood = -1;
    for (int edit = 1; edit <= edits; edit++) {
      String context = "edit " + edit + " (seed " + seed + ")";
      long compiles = status.snapshot().compiles();
      if (random.nextBoolean()) {
        int version = edit;
        MeshVersions.writeByRename(mesh, MeshVersions.mesh(version, NODES));
        lastGood = version;
        await(() -> status.snapshot().compiles() > compiles && status.health().ok() && version() == version, context);
      } else {
        int kind = random.nextInt(BadEdits.KINDS);
        MeshVersions.writeByRename(mesh, BadEdits.apply(MeshVersions.mesh(edit, NODES), kind, edit));
        awaitCompiles(compiles + 1);
        assertFalse(status.health().ok(), context + ", bad kind " + kind + ": " + status.health());
        if (lastGood >= 0) {
          assertEquals(lastGood, version(), context + ": the last good save stays live");
        }
      }
      assertTrue(loop.isAlive(), context);
    }
    assertEquals(List.of(), escaped);
  }

  /** Saves that no mesh reader may accept, each unlike the one before. */
  private static final class BadEdits {
    static final int KINDS = 7;

    static String apply(String mesh, int kind, int edit) {
      String bad = switch (kind) {
        case 0 -> mesh.replace("port: 3000", "port: 99999999999999999999");
        case 1 -> mesh.replace("port: 3000", "port: !!binary AAAA");
        case 2 -> mesh.replace("port: 3000", "port: 70000");
        case 3 -> mesh.replace("endpoints: [", "endpoints: [[");
        case 4 -> mesh.replace("nodes:\n", "nodes:\n\tbroken: true\n");
        case 5 -> mesh.replace("- name: s1", "- name: [unclosed");
        default -> mesh.replace("endpoints: [{", "endpoints: 5\n    x: [{");
      };
      return bad + "# edit " + edit + " kind " + kind + "\n";
    }
  }

  private void start(WatchedSource source) {
    watcher = new Watcher(source, List.of(), OutputLayout.of(dir.resolve("out"), null, false), status,
        new WatchLog(new PrintWriter(log, true)), new Watcher.Backoff(Duration.ofMillis(10), Duration.ofMillis(40)));
    loop = new Thread(() -> {
      try {
        watcher.run();
      } catch (Throwable e) {
        synchronized (escaped) {
          escaped.add(e);
        }
      }
    }, "watch-loop");
    loop.start();
  }

  private int version() {
    try {
      int version = -1;
      for (int n = 0; n < NODES; n++) {
        int live = NodeDirectory.checkAtRest(dir.resolve("out").resolve(MeshVersions.node(n)));
        if (version != -1 && live != version) {
          return -1;
        }
        version = live;
      }
      return version;
    } catch (IOException | AssertionError e) {
      return -1;
    }
  }

  private void awaitCompiles(long count) throws InterruptedException {
    await(() -> status.snapshot().compiles() >= count, count + " compiles");
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(loop.isAlive(), "the watch loop ended: " + escaped + "\n" + log);
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + TIMEOUT + ": " + what + "\n" + log);
      }
      Thread.sleep(5);
    }
  }

  /** The real file source, which throws as a bug in bent would while {@code bug} is set. */
  private record BuggySource(FileMeshSource files, AtomicBoolean bug) implements WatchedSource {
    @Override
    public String name() {
      return files.name();
    }

    @Override
    public Credentials credentials() {
      return files.credentials();
    }

    @Override
    public Mesh read(Diagnostics diagnostics) throws IOException {
      Mesh mesh = files.read(diagnostics);
      if (bug.get()) {
        throw new IllegalStateException("a bug in the reader");
      }
      return mesh;
    }

    @Override
    public boolean awaitChange() throws IOException, InterruptedException {
      return files.awaitChange();
    }

    @Override
    public void close() throws IOException {
      files.close();
    }
  }
}
