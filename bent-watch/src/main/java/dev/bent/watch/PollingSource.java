package dev.bent.watch;

import dev.bent.cli.SourceOptions;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.MeshSource;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ScanSchedule;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A live source (an ECS scan) as a {@link WatchedSource}: read on the {@link ScanSchedule} (every
 * {@code interval}, give or take a random tenth; later after failures; the first read after a
 * random part of a tenth of the interval).
 *
 * <p>Whether anything changed is decided by the compile: an unchanged scan compiles to the same
 * bytes and publishes nothing.
 */
final class PollingSource implements WatchedSource {
  private final MeshSource source;
  private final String name;
  private final List<String> wantedNodes;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ScanSchedule schedule;
  private boolean started;

  PollingSource(MeshSource source, String name, Duration interval, List<String> wantedNodes) {
    this.source = source;
    this.name = name;
    this.wantedNodes = List.copyOf(wantedNodes);
    this.schedule = new ScanSchedule(interval, n -> ThreadLocalRandom.current().nextLong(n));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Credentials credentials() {
    return new Credentials(Path.of("."), System::getenv);
  }

  @Override
  public Mesh read(Diagnostics diagnostics) throws IOException {
    if (!started) {
      started = true;
      try {
        if (closed.await(schedule.firstDelayMillis(), TimeUnit.MILLISECONDS)) {
          throw new InterruptedIOException("stopped before the first scan");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted before the first scan");
      }
    }
    try {
      Mesh mesh = source.read(new LinkedHashSet<>(wantedNodes), diagnostics);
      schedule.scanned(true);
      return mesh;
    } catch (IOException | RuntimeException e) {
      schedule.scanned(false);
      throw e;
    }
  }

  @Override
  public Valve valve() {
    if (source.underlying() instanceof EcsSource ecs) {
      return new Valve(ecs.stabilizer().heldScans(), ecs.stabilizer().heldNodes());
    }
    return WatchedSource.super.valve();
  }

  @Override
  public boolean awaitChange() throws InterruptedException {
    return !closed.await(nextWaitMillis(), TimeUnit.MILLISECONDS);
  }

  long nextWaitMillis() {
    return schedule.nextDelayMillis();
  }

  @Override
  public void close() {
    closed.countDown();
    SourceOptions.close(source);
  }
}
