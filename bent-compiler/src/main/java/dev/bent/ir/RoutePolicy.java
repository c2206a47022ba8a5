package dev.bent.ir;

import java.time.Duration;
import java.util.Optional;

/** How the egress route to a service treats a request: its timeout and its retries. */
public record RoutePolicy(Optional<Duration> timeout, Optional<RetryPlan> retry) {

  /** Retries: how many, on which conditions, and the time limit of each try. */
  public record RetryPlan(long numRetries, String retryOn, Optional<Duration> perTryTimeout) {}

  public boolean isEmpty() {
    return timeout.isEmpty() && retry.isEmpty();
  }
}
