package dev.bent.watch;

import java.util.Arrays;

/**
 * A Prometheus-style histogram of durations in seconds: cumulative counts per upper bound, plus
 * the sum and count of every observation. Thread-safe.
 */
final class Histogram {
  /** Upper bounds in seconds, from a small mesh (milliseconds) to a large one on a slow disk. */
  static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  private final long[] counts = new long[BOUNDS.length];
  private long count;
  private double sum;

  /** One observation, in seconds. */
  synchronized void observe(double seconds) {
    for (int i = 0; i < BOUNDS.length; i++) {
      if (seconds <= BOUNDS[i]) {
        counts[i]++;
      }
    }
    count++;
    sum += seconds;
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(counts.clone(), count, sum);
  }

  /** The histogram at one moment: {@code cumulative[i]} observations were at most BOUNDS[i]. */
  record Snapshot(long[] cumulative, long count, double sum) {
    Snapshot {
      cumulative = Arrays.copyOf(cumulative, cumulative.length);
    }
  }
}
