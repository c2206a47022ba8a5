package dev.bent.ir;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Faults injected into a service's incoming traffic: a delay for {@code delayPercent} of requests
 * and an abort with {@code abortStatus} for {@code abortPercent}; an absent part is not injected.
 */
public record FaultPlan(
    Optional<Duration> delay, int delayPercent, OptionalInt abortStatus, int abortPercent) {}
