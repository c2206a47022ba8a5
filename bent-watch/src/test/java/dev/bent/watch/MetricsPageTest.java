package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Prometheus text rendering of a watch's status. */
class MetricsPageTest {

  @Test
  void countersGaugeAndCumulativeHistogramBucketsAreRendered() {
    WatchStatus status = new WatchStatus(Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 250_000_000), ZoneOffset.UTC));
    status.compiled(0.003);
    status.succeeded(true, 0.02, new dev.bent.write.GenerationWriter.Written(3, 4_096));
    status.compiled(0.2);
    status.failed(WatchStatus.Failure.INVALID_INPUT, "mesh.yaml:1:1: error: x");
    status.compiled(40);
    status.failed(WatchStatus.Failure.IO, "disk full");

    String page = MetricsPage.render(status.snapshot());

    assertTrue(page.contains("# TYPE bent_compiles_total counter\nbent_compiles_total 3\n"), page);
    assertTrue(page.contains("bent_compile_failures_total{reason=\"invalid_input\"} 1\n"), page);
    assertTrue(page.contains("bent_compile_failures_total{reason=\"internal\"} 0\n"), page);
    assertTrue(page.contains("bent_compile_failures_total{reason=\"io\"} 1\n"), page);
    assertTrue(page.contains("bent_publishes_total 1\n"), page);
    assertTrue(page.contains("bent_publish_written_files_total 3\n"), page);
    assertTrue(page.contains("bent_publish_written_bytes_total 4096\n"), page);
    assertTrue(page.contains("bent_last_success_timestamp_seconds 1700000000.25\n"), page);
    assertTrue(page.contains("# TYPE bent_compile_duration_seconds histogram\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_bucket{le=\"0.005\"} 1\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_bucket{le=\"0.25\"} 2\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_bucket{le=\"30\"} 2\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_bucket{le=\"+Inf\"} 3\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_sum 40.203\n"), page);
    assertTrue(page.contains("bent_compile_duration_seconds_count 3\n"), page);
    assertTrue(page.contains("bent_publish_duration_seconds_count 1\n"), page);
    assertTrue(page.contains("# TYPE bent_scan_holds_total counter\nbent_scan_holds_total 0\n"), page);
    status.valve(new WatchedSource.Valve(2, 3));
    String held = MetricsPage.render(status.snapshot());
    assertTrue(held.contains("bent_scan_holds_total 2\n"), held);
    assertTrue(held.contains("# TYPE bent_scan_held_tasks gauge\nbent_scan_held_tasks 3\n"), held);
    assertTrue(page.lines().allMatch(l -> l.startsWith("# ") || l.matches("bent_[a-z_]+(\\{[a-z]+=\"[^\"]+\"})? [0-9.]+")), page);
  }

  @Test
  void theReadmeTableListsEveryMetricWithItsType() throws java.io.IOException {
    WatchStatus status = new WatchStatus(Clock.systemUTC());
    java.util.Map<String, String> rendered = new java.util.TreeMap<>();
    MetricsPage.render(status.snapshot()).lines()
        .filter(l -> l.startsWith("# TYPE "))
        .map(l -> l.substring("# TYPE ".length()).split(" "))
        .forEach(t -> rendered.put(t[0], t[1]));
    java.util.Map<String, String> documented = new java.util.TreeMap<>();
    java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| `(bent_[a-z_]+)(\\{[a-z]+})?` \\| ([a-z]+) \\|")
        .matcher(java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md")));
    while (row.find()) {
      documented.put(row.group(1), row.group(3));
    }
    assertEquals(rendered, documented);
  }
}
