package dev.bent.source;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.InvalidInputException;
import dev.bent.diag.IoFailure;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The scanner loop of {@code bent scan --watch}: a {@link SnapshotScanner} scan and publish on the
 * {@link ScanSchedule} (every interval, give or take a random tenth; after failed scans
 * exponentially later; the first scan after a random part of a tenth of the interval), until
 * {@link #stop}. A scan that fails or does not compile publishes nothing: the target keeps the last
 * good snapshot. The scan's warnings (bad labels, tasks held back by the ECS source's valve) are
 * logged whenever they differ from the previous scan's.
 *
 * <p>Reasoning: the jitter keeps two scanners started together from scanning in the same second
 * forever after; they need not be in phase, because the target compares with what it holds and
 * keeps the later scan.
 */
public final class ScanLoop {
  private final SnapshotScanner scanner;
  private final SnapshotTarget target;
  private final ScanSchedule schedule;
  private final Consumer<String> log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private List<Diagnostic> lastWarnings = List.of();

  /** A loop that publishes to {@code target} every {@code interval}, one line per scan to {@code log}. */
  public ScanLoop(SnapshotScanner scanner, SnapshotTarget target, Duration interval, Consumer<String> log) {
    this.scanner = scanner;
    this.target = target;
    this.schedule = new ScanSchedule(interval, n -> ThreadLocalRandom.current().nextLong(n));
    this.log = log;
  }

  /** Scans and publishes after the schedule's first delay, then on the schedule, until {@link #stop}. */
  public void run() throws InterruptedException {
    if (stopped.await(schedule.firstDelayMillis(), TimeUnit.MILLISECONDS)) {
      return;
    }
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
      warnings(snapshot.diagnostics().warnings());
      SnapshotTarget.Publication publication = SnapshotScanner.publish(snapshot, target);
      schedule.scanned(true);
      log.accept(describe(publication, snapshot));
    } catch (InvalidInputException e) {
      StringBuilder text = new StringBuilder("the scan does not compile; " + target.name()
          + " keeps its snapshot (" + e.errorCount() + (e.errorCount() == 1 ? " error" : " errors") + ")");
      e.diagnostics().stream().filter(dev.bent.diag.Diagnostic::isError).limit(10)
          .forEach(d -> text.append("\n  ").append(d));
      log.accept(text.toString());
      schedule.scanned(true);
    } catch (IOException e) {
      schedule.scanned(false);
      log.accept("scan or publish failed: " + IoFailure.describe(e) + "; " + target.name() + " keeps its snapshot"
          + (schedule.failures() > 1 ? " (" + schedule.failures() + " failures in a row; waiting longer)" : ""));
    }
  }

  private void warnings(List<Diagnostic> warnings) {
    if (!warnings.equals(lastWarnings)) {
      warnings.stream().limit(20).forEach(w -> log.accept(w.toString()));
      if (warnings.size() > 20) {
        log.accept("... and " + (warnings.size() - 20) + " more warnings");
      }
      lastWarnings = warnings;
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
    return schedule.nextDelayMillis();
  }
}
