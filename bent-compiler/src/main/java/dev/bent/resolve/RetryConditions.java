package dev.bent.resolve;

import java.util.List;

/** The retry_on conditions Envoy's router knows (HTTP and gRPC), per its route documentation. */
final class RetryConditions {
  static final List<String> NAMES =
      List.of(
          "5xx",
          "gateway-error",
          "reset",
          "reset-before-request",
          "connect-failure",
          "envoy-ratelimited",
          "retriable-4xx",
          "refused-stream",
          "retriable-status-codes",
          "retriable-headers",
          "http3-post-connect-failure",
          "cancelled",
          "deadline-exceeded",
          "internal",
          "resource-exhausted",
          "unavailable");

  private RetryConditions() {}
}
