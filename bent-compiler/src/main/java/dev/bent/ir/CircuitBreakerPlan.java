package dev.bent.ir;

import java.util.OptionalLong;

/** Circuit-breaker thresholds of a cluster; an empty value keeps Envoy's default. */
public record CircuitBreakerPlan(
    OptionalLong maxConnections,
    OptionalLong maxPendingRequests,
    OptionalLong maxRequests,
    OptionalLong maxRetries) {}
