package dev.bent.resolve;

import dev.bent.diag.Location;
import dev.bent.ir.CircuitBreakerPlan;
import dev.bent.ir.FaultPlan;
import dev.bent.ir.HealthCachePlan;
import dev.bent.ir.HealthCheckPlan;
import dev.bent.ir.OutlierPlan;
import dev.bent.ir.PolicyValue;
import dev.bent.ir.RoutePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The service-wide annotation values of one service, merged from every place they were written,
 * each with the place it came from.
 */
final class ServicePolicy {
  static final String DEFAULT_RETRY_ON = "5xx,connect-failure,refused-stream,reset";

  /** A parsed value and where it was written. */
  record Setting(Object value, String text, Location location) {}

  /** The keys that shape a route (timeout and retries); the others shape clusters and ingress. */
  static final java.util.Set<AnnotationKey> ROUTE_KEYS = java.util.EnumSet.of(
      AnnotationKey.TIMEOUT, AnnotationKey.ENABLE_RETRY, AnnotationKey.NUM_RETRIES,
      AnnotationKey.RETRY_ON, AnnotationKey.PER_TRY_TIMEOUT);

  private final Map<AnnotationKey, Setting> settings = new EnumMap<>(AnnotationKey.class);

  /**
   * The route policy of one route: this service's route keys as defaults, each replaced by the
   * route's own value when {@code route} sets it.
   */
  ServicePolicy withRouteValues(ServicePolicy route) {
    ServicePolicy merged = new ServicePolicy();
    for (AnnotationKey key : ROUTE_KEYS) {
      Setting own = route.settings.get(key);
      Setting inherited = settings.get(key);
      if (own != null) {
        merged.settings.put(key, own);
      } else if (inherited != null) {
        merged.settings.put(key, inherited);
      }
    }
    return merged;
  }

  /** The values set here whose keys are not route keys, with where each was written. */
  List<Map.Entry<AnnotationKey, Setting>> nonRouteSettings() {
    return settings.entrySet().stream().filter(e -> !ROUTE_KEYS.contains(e.getKey())).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
  }

  /** The route keys that were written somewhere, with their values and origins as {@link #summary} gives them. */
  List<PolicyValue> routeSummary() {
    return summary().stream()
        .filter(v -> AnnotationKey.named(v.key()).filter(k -> ROUTE_KEYS.contains(k) && has(k)).isPresent())
        .toList();
  }

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
            || settings.containsKey(AnnotationKey.HEALTHCHECK_EXPECTED_STATUS)
            || settings.containsKey(AnnotationKey.HEALTHCHECK_CACHE);
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

  /** Faults for the service's incoming traffic, when fault.inject is on. */
  Optional<FaultPlan> fault() {
    if (!Boolean.TRUE.equals(value(AnnotationKey.FAULT_INJECT, Boolean.FALSE))) {
      return Optional.empty();
    }
    int delayPercent = value(AnnotationKey.FAULT_DELAY_PERCENT, 0);
    int abortPercent = value(AnnotationKey.FAULT_ABORT_PERCENT, 0);
    boolean delay = has(AnnotationKey.FAULT_DELAY_DURATION) || has(AnnotationKey.FAULT_DELAY_PERCENT);
    boolean abort = has(AnnotationKey.FAULT_ABORT_CODE) || has(AnnotationKey.FAULT_ABORT_PERCENT);
    return Optional.of(
        new FaultPlan(
            delay ? Optional.of(value(AnnotationKey.FAULT_DELAY_DURATION, Duration.ofMillis(30))) : Optional.empty(),
            delayPercent,
            abort ? OptionalInt.of(value(AnnotationKey.FAULT_ABORT_CODE, 503)) : OptionalInt.empty(),
            abortPercent));
  }

  /** True when fault.* values are set but fault.inject does not turn them on. */
  boolean faultValuesWithoutInject() {
    boolean any = has(AnnotationKey.FAULT_DELAY_DURATION) || has(AnnotationKey.FAULT_DELAY_PERCENT)
        || has(AnnotationKey.FAULT_ABORT_CODE) || has(AnnotationKey.FAULT_ABORT_PERCENT);
    return any && fault().isEmpty();
  }

  /** Timeout and retries of the egress route to the service. */
  Optional<RoutePolicy> route() {
    Optional<Duration> timeout = get(AnnotationKey.TIMEOUT).map(s -> (Duration) s.value());
    boolean retryKeys = has(AnnotationKey.NUM_RETRIES) || has(AnnotationKey.RETRY_ON) || has(AnnotationKey.PER_TRY_TIMEOUT);
    Boolean enabled = value(AnnotationKey.ENABLE_RETRY, retryKeys);
    Optional<RoutePolicy.RetryPlan> retry =
        enabled
            ? Optional.of(new RoutePolicy.RetryPlan(
                value(AnnotationKey.NUM_RETRIES, 1L),
                value(AnnotationKey.RETRY_ON, DEFAULT_RETRY_ON),
                get(AnnotationKey.PER_TRY_TIMEOUT).map(s -> (Duration) s.value())))
            : Optional.empty();
    RoutePolicy policy = new RoutePolicy(timeout, retry);
    return policy.isEmpty() ? Optional.empty() : Optional.of(policy);
  }

  Optional<OutlierPlan> outlier() {
    OutlierPlan plan = new OutlierPlan(
        count(AnnotationKey.OUTLIER_CONSECUTIVE_5XX),
        get(AnnotationKey.OUTLIER_INTERVAL).map(s -> (Duration) s.value()),
        get(AnnotationKey.OUTLIER_BASE_EJECTION_TIME).map(s -> (Duration) s.value()),
        get(AnnotationKey.OUTLIER_MAX_EJECTION_PERCENT).map(s -> OptionalLong.of((Integer) s.value())).orElse(OptionalLong.empty()));
    boolean any = plan.consecutive5xx().isPresent() || plan.interval().isPresent()
        || plan.baseEjectionTime().isPresent() || plan.maxEjectionPercent().isPresent();
    return any ? Optional.of(plan) : Optional.empty();
  }

  /** The serving sidecar's health-check cache, when healthcheck.cache is set. */
  Optional<HealthCachePlan> healthCache(String service) {
    return get(AnnotationKey.HEALTHCHECK_CACHE)
        .map(s -> new HealthCachePlan(service, value(AnnotationKey.HEALTHCHECK_PATH, "/healthz"), (Duration) s.value()));
  }

  /** Every key with its effective value and origin: where it was written, or "default". */
  List<PolicyValue> summary() {
    List<PolicyValue> out = new ArrayList<>();
    for (AnnotationKey key : AnnotationKey.values()) {
      if (key.scope() != AnnotationKey.Scope.SERVICE) {
        continue;
      }
      Setting setting = settings.get(key);
      Optional<String> off = offReason(key);
      if (setting == null) {
        out.add(off.isPresent()
            ? new PolicyValue(key.key(), "off", off.get())
            : new PolicyValue(key.key(), key.defaultText(), "default"));
      } else {
        out.add(new PolicyValue(key.key(), setting.text(),
            setting.location() + off.map(r -> "; not in effect: " + r).orElse("")));
      }
    }
    return out;
  }

  /**
   * Why the feature that {@code key} configures is off for this service, or empty when the key's
   * value (set or default) is in effect. Keys whose default Envoy always applies (circuit breakers,
   * the route timeout) and the switches themselves are always in effect.
   */
  private Optional<String> offReason(AnnotationKey key) {
    boolean on = switch (key) {
      case HEALTHCHECK_PATH, HEALTHCHECK_INTERVAL, HEALTHCHECK_TIMEOUT, HEALTHCHECK_PORT,
          HEALTHCHECK_EXPECTED_STATUS -> healthCheck().isPresent();
      case HEALTHCHECK_CACHE -> has(key);
      case FAULT_DELAY_DURATION, FAULT_DELAY_PERCENT -> fault().flatMap(FaultPlan::delay).isPresent();
      case FAULT_ABORT_CODE, FAULT_ABORT_PERCENT -> fault().map(f -> f.abortStatus().isPresent()).orElse(false);
      case NUM_RETRIES, RETRY_ON, PER_TRY_TIMEOUT -> route().flatMap(RoutePolicy::retry).isPresent();
      case OUTLIER_CONSECUTIVE_5XX, OUTLIER_INTERVAL, OUTLIER_BASE_EJECTION_TIME, OUTLIER_MAX_EJECTION_PERCENT ->
          outlier().isPresent();
      default -> true;
    };
    if (on) {
      return Optional.empty();
    }
    return Optional.of(switch (key) {
      case HEALTHCHECK_CACHE -> "no health-check cache";
      case FAULT_DELAY_DURATION, FAULT_DELAY_PERCENT, FAULT_ABORT_CODE, FAULT_ABORT_PERCENT -> fault().isEmpty()
          ? "fault injection is off"
          : key.key().startsWith("fault.delay") ? "no delay fault" : "no abort fault";
      case NUM_RETRIES, RETRY_ON, PER_TRY_TIMEOUT -> "retries are off";
      case OUTLIER_CONSECUTIVE_5XX, OUTLIER_INTERVAL, OUTLIER_BASE_EJECTION_TIME, OUTLIER_MAX_EJECTION_PERCENT ->
          "outlier detection is off";
      default -> "health checking is off";
    });
  }

  private boolean has(AnnotationKey key) {
    return settings.containsKey(key);
  }

  private OptionalLong count(AnnotationKey key) {
    return get(key).map(s -> OptionalLong.of((Long) s.value())).orElse(OptionalLong.empty());
  }

  @SuppressWarnings("unchecked")
  private <T> T value(AnnotationKey key, T fallback) {
    return get(key).map(s -> (T) s.value()).orElse(fallback);
  }
}
