package dev.bent.watch;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a running watch reports about itself: whether the latest input was published (for
 * {@code /healthz}) and the counters and durations behind {@code /metrics}. The watch loop writes
 * it; the status server reads it from other threads.
 */
public final class WatchStatus {
  /** Why a compile published nothing; the label of {@code bent_compile_failures_total}. */
  public enum Failure {
    INVALID_INPUT,
    INTERNAL,
    IO;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Whether the latest input is live, and if not, why. */
  public record Health(boolean ok, String reason) {}

  private final Clock clock;
  private final Histogram compileSeconds = new Histogram();
  private final Histogram publishSeconds = new Histogram();
  private final Map<Failure, Long> failures = new EnumMap<>(Failure.class);
  private long compiles;
  private long publishes;
  private long retries;
  private long writtenFiles;
  private long writtenBytes;
  private boolean retryPending;
  private double lastSuccessSeconds;
  private java.util.Optional<dev.bent.ir.CertificateExpiry> certificates = java.util.Optional.empty();
  private WatchedSource.Valve valve = new WatchedSource.Valve(0, 0);
  private Health health = new Health(false, "starting: the first compile has not finished");

  public WatchStatus(Clock clock) {
    this.clock = clock;
    for (Failure failure : Failure.values()) {
      failures.put(failure, 0L);
    }
  }

  /** A compile (read and compile of the input) took {@code seconds}, successful or not. */
  synchronized void compiled(double seconds) {
    compiles++;
    compileSeconds.observe(seconds);
  }

  /** When the certificates of the last good compile expire; empty without mesh TLS. */
  synchronized void certificates(java.util.Optional<dev.bent.ir.CertificateExpiry> expiry) {
    certificates = expiry;
  }

  /** The output now matches the input; {@code changed} if any node directory was written. */
  synchronized void succeeded(
      boolean changed, double publishDurationSeconds, dev.bent.write.GenerationWriter.Written written) {
    if (changed) {
      publishes++;
    }
    writtenFiles += written.files();
    writtenBytes += written.bytes();
    publishSeconds.observe(publishDurationSeconds);
    lastSuccessSeconds = clock.millis() / 1000.0;
    retryPending = false;
    health = new Health(true, "ok");
  }

  /** The scan valve's counters after the latest read. */
  synchronized void valve(WatchedSource.Valve valve) {
    this.valve = valve;
  }

  /**
   * The last publish failed and retry {@code attempt} comes after {@code delay}; {@code /healthz}
   * says so after the failure's reason.
   */
  synchronized void retrying(int attempt, java.time.Duration delay) {
    retries++;
    retryPending = true;
    String reason = health.reason().replaceFirst("; retry \\d+ in \\d+ ms$", "");
    health = new Health(false, reason + "; retry " + attempt + " in " + delay.toMillis() + " ms");
  }

  /** The latest input was not published; the previous output stays live. */
  synchronized void failed(Failure failure, String reason) {
    failures.merge(failure, 1L, Long::sum);
    health = new Health(false, reason);
    if (failure != Failure.IO) {
      retryPending = false;
    }
  }

  public synchronized Health health() {
    return health;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(
        compiles, Map.copyOf(failures), publishes, retries, writtenFiles, writtenBytes, retryPending,
        lastSuccessSeconds,
        compileSeconds.snapshot(), publishSeconds.snapshot(), valve, certificates);
  }

  /** Every metric at one moment, for rendering. */
  record Snapshot(
      long compiles,
      Map<Failure, Long> failures,
      long publishes,
      long publishRetries,
      long writtenFiles,
      long writtenBytes,
      boolean retryPending,
      double lastSuccessSeconds,
      Histogram.Snapshot compileSeconds,
      Histogram.Snapshot publishSeconds,
      WatchedSource.Valve valve,
      java.util.Optional<dev.bent.ir.CertificateExpiry> certificates) {}
}
