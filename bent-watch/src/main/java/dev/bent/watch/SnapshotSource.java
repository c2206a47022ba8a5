package dev.bent.watch;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.ScanSchedule;
import dev.bent.source.s3.S3MeshSource;
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
 * A mesh snapshot in S3 as a {@link WatchedSource}: polled with a conditional GET on the {@link
 * ScanSchedule} (every {@code interval}, give or take a random tenth; later after failed polls; the
 * first read after a random part of a tenth of the interval). An unchanged snapshot costs one 304
 * answer and no compile; only a new ETag wakes the watch loop.
 *
 * <p>A snapshot that does not exist yet is waited for: the first read reports it (so /healthz says
 * why nothing is written yet) and polling goes on until it appears. A failed poll (S3 not
 * reachable) is reported once per interval by the next read, and the last good output stays.
 */
final class SnapshotSource implements WatchedSource {
  private final S3MeshSource source;
  private final List<String> wantedNodes;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final ScanSchedule schedule;
  private boolean started;
  private IOException failure;
  private boolean recovering;

  SnapshotSource(S3MeshSource source, Duration interval, List<String> wantedNodes) {
    this.source = source;
    this.wantedNodes = List.copyOf(wantedNodes);
    this.schedule = new ScanSchedule(interval, n -> ThreadLocalRandom.current().nextLong(n));
  }

  @Override
  public String name() {
    return source.location().toString();
  }

  @Override
  public Credentials credentials() {
    return new Credentials(Path.of("."), System::getenv);
  }

  @Override
  public Mesh read(Diagnostics diagnostics) throws IOException {
    if (!started) {
      started = true;
      awaitFirstPoll();
    }
    if (failure != null) {
      IOException e = failure;
      failure = null;
      throw e;
    }
    return source.read(new LinkedHashSet<>(wantedNodes), diagnostics);
  }

  /**
   * Polls until the snapshot changed, appeared or went away, or a poll failed. Reasoning: the first
   * good poll after a failure also wakes the loop, even with the snapshot unchanged, so that the
   * status that the failure turned to 503 recovers.
   */
  @Override
  public boolean awaitChange() throws InterruptedException {
    while (!closed.await(nextWaitMillis(), TimeUnit.MILLISECONDS)) {
      try {
        S3MeshSource.Poll poll = source.poll();
        schedule.scanned(true);
        if (poll != S3MeshSource.Poll.UNCHANGED || recovering) {
          recovering = false;
          return true;
        }
      } catch (IOException e) {
        schedule.scanned(false);
        failure = e;
        recovering = true;
        return true;
      }
    }
    return false;
  }

  long nextWaitMillis() {
    return schedule.nextDelayMillis();
  }

  private void awaitFirstPoll() throws IOException {
    try {
      if (closed.await(schedule.firstDelayMillis(), TimeUnit.MILLISECONDS)) {
        throw new InterruptedIOException("stopped before the first poll");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted before the first poll");
    }
  }

  @Override
  public void close() {
    closed.countDown();
    source.close();
  }
}
