package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** When a scanning loop scans next. */
class ScanScheduleTest {
  private static final Duration INTERVAL = Duration.ofSeconds(15);

  @Test
  void aSuccessfulScanWaitsTheIntervalGiveOrTakeATenth() {
    ScanSchedule lowest = new ScanSchedule(INTERVAL, n -> 0);
    ScanSchedule highest = new ScanSchedule(INTERVAL, n -> n - 1);
    assertEquals(13_500, lowest.nextDelayMillis());
    assertEquals(16_500, highest.nextDelayMillis());
  }

  @Test
  void failuresDoubleTheWaitWithJitterUpToTheCap() {
    ScanSchedule lowest = new ScanSchedule(INTERVAL, n -> 0);
    ScanSchedule highest = new ScanSchedule(INTERVAL, n -> n - 1);
    long[] expectedHigh = {30_000, 60_000, 120_000, 240_000, 300_000, 300_000};
    for (long high : expectedHigh) {
      lowest.scanned(false);
      highest.scanned(false);
      assertEquals(high / 2, lowest.nextDelayMillis());
      assertEquals(high, highest.nextDelayMillis());
    }
    highest.scanned(true);
    assertEquals(0, highest.failures());
    assertEquals(16_500, highest.nextDelayMillis(), "a success returns to the interval");
  }

  @Test
  void theFirstScanIsSpreadOverATenthOfTheInterval() {
    SplittableRandom random = new SplittableRandom(7);
    ScanSchedule schedule = new ScanSchedule(INTERVAL, random::nextLong);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long delay = schedule.firstDelayMillis();
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }
    assertTrue(min >= 0 && min < 100, "min " + min);
    assertTrue(max < 1500 && max > 1400, "max " + max);
  }

  @Test
  void anIntervalLongerThanTheCapIsItsOwnCap() {
    ScanSchedule schedule = new ScanSchedule(Duration.ofMinutes(10), n -> n - 1);
    schedule.scanned(false);
    assertEquals(600_000, schedule.nextDelayMillis());
  }
}
