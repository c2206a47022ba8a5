package dev.bent.watch;

import java.math.BigDecimal;

/**
 * Renders a {@link WatchStatus} in the Prometheus text exposition format (version 0.0.4), the
 * body of {@code /metrics}.
 */
final class MetricsPage {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder();

  private MetricsPage() {}

  static String render(WatchStatus.Snapshot s) {
    MetricsPage page = new MetricsPage();
    page.header("bent_compiles_total", "counter", "Compiles of the input, at start and after each change.");
    page.sample("bent_compiles_total", "", s.compiles());
    page.header(
        "bent_compile_failures_total",
        "counter",
        "Compiles that published nothing (the previous output stayed live), by reason.");
    for (WatchStatus.Failure failure : WatchStatus.Failure.values()) {
      page.sample("bent_compile_failures_total", "reason=\"" + failure.label() + "\"", s.failures().get(failure));
    }
    page.header("bent_publishes_total", "counter", "Compiles that wrote at least one node directory.");
    page.sample("bent_publishes_total", "", s.publishes());
    page.header(
        "bent_publish_written_files_total", "counter",
        "Files published with new bytes (a hard link to an unchanged file counts none).");
    page.sample("bent_publish_written_files_total", "", s.writtenFiles());
    page.header("bent_publish_written_bytes_total", "counter", "Bytes in the files of bent_publish_written_files_total.");
    page.sample("bent_publish_written_bytes_total", "", s.writtenBytes());
    page.header("bent_publish_retries_total", "counter", "Retries of a publish that failed for I/O.");
    page.sample("bent_publish_retries_total", "", s.publishRetries());
    page.header(
        "bent_publish_retry_pending",
        "gauge",
        "1 while a failed publish waits for its retry (the output lags the input), else 0.");
    page.sample("bent_publish_retry_pending", "", s.retryPending() ? 1 : 0);
    page.header(
        "bent_last_success_timestamp_seconds",
        "gauge",
        "When the output last matched the input, in Unix seconds; 0 before the first success.");
    page.sample("bent_last_success_timestamp_seconds", "", s.lastSuccessSeconds());
    page.header(
        "bent_scan_holds_total",
        "counter",
        "Scans in which tasks that vanished without a stop record were kept until scans agree.");
    page.sample("bent_scan_holds_total", "", s.valve().heldScans());
    page.header("bent_scan_held_tasks", "gauge", "Tasks kept at the latest scan although it did not list them.");
    page.sample("bent_scan_held_tasks", "", s.valve().heldNodes());
    page.histogram("bent_compile_duration_seconds", "Time to read and compile the input.", s.compileSeconds());
    page.histogram(
        "bent_publish_duration_seconds", "Time to write the node directories of a good compile.", s.publishSeconds());
    s.certificates().ifPresent(c -> {
      page.header("bent_tls_certificate_expiry_timestamp_seconds", "gauge",
          "The earliest end of validity among the mesh TLS certificates of the last good compile, in Unix seconds.");
      page.sample("bent_tls_certificate_expiry_timestamp_seconds", "", c.earliest().getEpochSecond());
      page.header("bent_tls_certificates_expiring", "gauge",
          "Mesh TLS certificates of the last good compile that expire within mesh.tls.expiryWarningDays.");
      page.sample("bent_tls_certificates_expiring", "", c.withinWindow());
    });
    return page.out.toString();
  }

  private void histogram(String name, String help, Histogram.Snapshot h) {
    header(name, "histogram", help);
    for (int i = 0; i < Histogram.BOUNDS.length; i++) {
      sample(name + "_bucket", "le=\"" + number(Histogram.BOUNDS[i]) + "\"", h.cumulative()[i]);
    }
    sample(name + "_bucket", "le=\"+Inf\"", h.count());
    sample(name + "_sum", "", h.sum());
    sample(name + "_count", "", h.count());
  }

  private void header(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private void sample(String name, String labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    out.append(' ').append(number(value)).append('\n');
  }

  /** A plain decimal (no exponent), as short as it can be: {@code 0.005}, {@code 12}, {@code 1.7e9} as digits. */
  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
