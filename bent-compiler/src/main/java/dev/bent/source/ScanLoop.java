package dev.bent.source;

import dev.bent.diag.InvalidInputException;
import dev.bent.diag.IoFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The scanner loop of {@code bent scan --watch}: a {@link SnapshotScanner} scan and publish every
 * interval, give or take a random tenth, until {@link #stop}. A scan that fails or does not
 * compile publishes nothing: the target keeps the last good snapshot.
 *
 * <p>Reasoning: the jitter keeps two scanners started together from scanning in the same second
 * forever after; they need not be in phase, because the target compares with what it holds and
 * keeps the later scan.
 */
public final class ScanLoop {
  private final SnapshotScanner scanner;
  private final SnapshotTarget target;
  private final Duration interval;
  private final Consumer<String> log;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /** A loop that publishes to {@code target} every {@code interval}, one line per scan to {@code log}. */
  public ScanLoop(SnapshotScanner scanner, SnapshotTarget target, Duration interval, Consumer<String> log) {
    this.scanner = scanner;
    this.target = target;
    this.interval = interval;
    this.log = log;
  }

  /** Scans and publishes now, then every interval, until {@link #stop}. */
  public void run() throws InterruptedException {
    do {
      once();
    } while (!stopped.await(nextWaitMillis(), TimeUnit.MILLISECONDS));
  }

  /** Ends {@link #run} at its next wait, from any thread. */
  public void stop() {
    stopped.countDown();
  }

  /** One scan and publish; what happened goes to the log, never out as an exception. */
  void once() {
    try {
      SnapshotScanner.Snapshot snapshot = scanner.scan();
      SnapshotTarget.Publication publication = SnapshotScanner.publish(snapshot, target);
      log.accept(describe(publication, snapshot));
    } catch (InvalidInputException e) {
      StringBuilder text = new StringBuilder("the scan does not compile; " + target.name()
          + " keeps its snapshot (" + e.errorCount() + (e.errorCount() == 1 ? " error" : " errors") + ")");
      e.diagnostics().stream().filter(dev.bent.diag.Diagnostic::isError).limit(10)
          .forEach(d -> text.append("\n  ").append(d));
      log.accept(text.toString());
    } catch (IOException e) {
      log.accept("scan or publish failed: " + IoFailure.describe(e) + "; " + target.name() + " keeps its snapshot");
    }
  }

  private String describe(SnapshotTarget.Publication publication, SnapshotScanner.Snapshot snapshot) {
    String what = snapshot.mesh().nodes().size() + (snapshot.mesh().nodes().size() == 1 ? " node" : " nodes");
    return switch (publication) {
      case PUBLISHED -> "published " + target.name() + " (scan of " + snapshot.scanTime() + ", " + what + ")";
      case UNCHANGED -> "unchanged: " + target.name() + " already holds this scan's " + what;
      case SUPERSEDED -> "not published: " + target.name() + " holds a later scan than " + snapshot.scanTime();
    };
  }

  long nextWaitMillis() {
    long millis = interval.toMillis();
    long jitter = millis / 10;
    return jitter == 0 ? millis : millis - jitter + ThreadLocalRandom.current().nextLong(2 * jitter + 1);
  }
}
