package dev.bent.resolve;

import dev.bent.diag.Location;
import dev.bent.ir.CircuitBreakerPlan;
import dev.bent.ir.HealthCheckPlan;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The service-wide annotation values of one service, merged from every place they were written,
 * each with the place it came from.
 */
final class ServicePolicy {
  /** A parsed value and where it was written. */
  record Setting(Object value, String text, Location location) {}

  private final Map<AnnotationKey, Setting> settings = new EnumMap<>(AnnotationKey.class);

  Optional<Setting> get(AnnotationKey key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** Stores a value, or returns the earlier different value that conflicts with it. */
  Optional<Setting> put(AnnotationKey key, Setting setting) {
    Setting earlier = settings.get(key);
    if (earlier == null) {
      settings.put(key, setting);
      return Optional.empty();
    }
    return earlier.value().equals(setting.value()) ? Optional.empty() : Optional.of(earlier);
  }

  Optional<HealthCheckPlan> healthCheck() {
    boolean on =
        settings.containsKey(AnnotationKey.HEALTHCHECK_PATH)
            || settings.containsKey(AnnotationKey.HEALTHCHECK_INTERVAL)
            || settings.containsKey(AnnotationKey.HEALTHCHECK_TIMEOUT)
            || settings.containsKey(AnnotationKey.HEALTHCHECK_PORT)
            || settings.containsKey(AnnotationKey.HEALTHCHECK_EXPECTED_STATUS);
    if (!on) {
      return Optional.empty();
    }
    ValueKind.StatusRange statuses =
        value(AnnotationKey.HEALTHCHECK_EXPECTED_STATUS, new ValueKind.StatusRange(200, 399));
    return Optional.of(
        new HealthCheckPlan(
            value(AnnotationKey.HEALTHCHECK_PATH, "/healthz"),
            value(AnnotationKey.HEALTHCHECK_INTERVAL, Duration.ofSeconds(10)),
            value(AnnotationKey.HEALTHCHECK_TIMEOUT, Duration.ofSeconds(3)),
            statuses.first(),
            statuses.last()));
  }

  Optional<Integer> healthCheckPort() {
    return get(AnnotationKey.HEALTHCHECK_PORT).map(s -> (Integer) s.value());
  }

  Optional<CircuitBreakerPlan> circuitBreaker() {
    CircuitBreakerPlan plan =
        new CircuitBreakerPlan(
            count(AnnotationKey.CIRCUIT_BREAKER_MAX_CONNECTIONS),
            count(AnnotationKey.CIRCUIT_BREAKER_MAX_PENDING),
            count(AnnotationKey.CIRCUIT_BREAKER_MAX_REQUESTS),
            count(AnnotationKey.CIRCUIT_BREAKER_MAX_RETRIES));
    boolean any =
        plan.maxConnections().isPresent()
            || plan.maxPendingRequests().isPresent()
            || plan.maxRequests().isPresent()
            || plan.maxRetries().isPresent();
    return any ? Optional.of(plan) : Optional.empty();
  }

  private OptionalLong count(AnnotationKey key) {
    return get(key).map(s -> OptionalLong.of((Long) s.value())).orElse(OptionalLong.empty());
  }

  @SuppressWarnings("unchecked")
  private <T> T value(AnnotationKey key, T fallback) {
    return get(key).map(s -> (T) s.value()).orElse(fallback);
  }
}
