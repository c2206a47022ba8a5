package dev.bent.watch;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.s3.S3MeshSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A mesh snapshot in S3 as a {@link WatchedSource}: polled every {@code interval}, give or take a
 * random tenth, with a conditional GET. An unchanged snapshot costs one 304 answer and no compile;
 * only a new ETag wakes the watch loop.
 *
 * <p>A snapshot that does not exist yet is waited for: the first read reports it (so /healthz says
 * why nothing is written yet) and polling goes on until it appears. A failed poll (S3 not
 * reachable) is reported once per interval by the next read, and the last good output stays.
 */
final class SnapshotSource implements WatchedSource {
  private final S3MeshSource source;
  private final Duration interval;
  private final List<String> wantedNodes;
  private final CountDownLatch closed = new CountDownLatch(1);
  private IOException failure;
  private boolean recovering;

  SnapshotSource(S3MeshSource source, Duration interval, List<String> wantedNodes) {
    this.source = source;
    this.interval = interval;
    this.wantedNodes = List.copyOf(wantedNodes);
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
        if (poll != S3MeshSource.Poll.UNCHANGED || recovering) {
          recovering = false;
          return true;
        }
      } catch (IOException e) {
        failure = e;
        recovering = true;
        return true;
      }
    }
    return false;
  }

  long nextWaitMillis() {
    long millis = interval.toMillis();
    long jitter = millis / 10;
    return jitter == 0 ? millis : millis - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
  }

  @Override
  public void close() {
    closed.countDown();
    source.close();
  }
}
