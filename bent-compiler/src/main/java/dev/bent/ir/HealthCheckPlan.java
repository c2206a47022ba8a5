package dev.bent.ir;

import java.time.Duration;

/**
 * Active HTTP health checking of a cluster's endpoints. Statuses are an inclusive range as users
 * write them; the translator turns it into Envoy's half-open range.
 */
public record HealthCheckPlan(
    String path, Duration interval, Duration timeout, int firstStatus, int lastStatus) {}
