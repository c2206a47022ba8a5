package dev.bent.source;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * When a scanning loop scans next: every {@code interval}, give or take a tenth; after failed scans
 * exponentially later, with jitter, up to a cap; and the first scan after a random part of a tenth
 * of the interval.
 *
 * <p>After {@code n} failures in a row the wait is {@code interval * 2^n}, capped at {@link #CAP}
 * (or the interval, if that is longer), of which a random half is waited ("equal jitter"), so a
 * fleet that failed together does not retry together. A success returns to the interval.
 *
 * <p>Reasoning: many sidecars started at once (a service scaling up) would otherwise scan in the
 * same second forever after, and an API that throttles would be asked again at full rate by every
 * one of them.
 */
public final class ScanSchedule {
  /** The longest wait after failures, unless the interval itself is longer. */
  public static final Duration CAP = Duration.ofMinutes(5);

  private final long intervalMillis;
  private final LongUnaryOperator random;
  private int failures;

  /**
   * A schedule for {@code interval}; {@code random} maps a bound {@code n > 0} to a value in
   * {@code [0, n)} (for example {@code n -> ThreadLocalRandom.current().nextLong(n)}).
   */
  public ScanSchedule(Duration interval, LongUnaryOperator random) {
    this.intervalMillis = interval.toMillis();
    this.random = random;
  }

  /** How long to wait before the first scan: a random part of a tenth of the interval. */
  public long firstDelayMillis() {
    long tenth = intervalMillis / 10;
    return tenth == 0 ? 0 : random.applyAsLong(tenth);
  }

  /** Records the outcome of a scan. */
  public synchronized void scanned(boolean ok) {
    failures = ok ? 0 : Math.min(failures + 1, 30);
  }

  /** Failed scans since the last success. */
  public synchronized int failures() {
    return failures;
  }

  /** How long to wait before the next scan, given the outcomes recorded so far. */
  public synchronized long nextDelayMillis() {
    if (failures == 0) {
      long jitter = intervalMillis / 10;
      return jitter == 0 ? intervalMillis : intervalMillis - jitter + random.applyAsLong(2 * jitter + 1);
    }
    long cap = Math.max(CAP.toMillis(), intervalMillis);
    long backoff = intervalMillis;
    for (int i = 0; i < failures && backoff < cap; i++) {
      backoff *= 2;
    }
    backoff = Math.min(backoff, cap);
    long half = backoff / 2;
    return half + random.applyAsLong(backoff - half + 1);
  }
}
