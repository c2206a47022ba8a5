package dev.bent.ir;

import java.time.Duration;

/**
 * A serving sidecar's cache of its application's health-check answer: requests for {@code path}
 * with Host {@code service} are passed through and the answer is kept for {@code cacheTime}.
 */
public record HealthCachePlan(String service, String path, Duration cacheTime) {}
