package dev.bent.ir;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Passive health checking of a cluster: ejection of endpoints that keep failing. */
public record OutlierPlan(
    OptionalLong consecutive5xx,
    Optional<Duration> interval,
    Optional<Duration> baseEjectionTime,
    OptionalLong maxEjectionPercent) {}
