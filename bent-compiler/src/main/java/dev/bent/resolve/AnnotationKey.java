package dev.bent.resolve;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every annotation bent understands: its name, value type, default, where it may be written, what it
 * does in Envoy, and whether it takes effect yet. This table is the single reference that both
 * validation and the documentation are made from.
 */
public enum AnnotationKey {
  HEALTHCHECK_PATH(
      "healthcheck.path", ValueKind.PATH, "/healthz", Scope.SERVICE, true,
      "Turns on active HTTP health checking of the service's endpoints, on this path.",
      "Cluster.health_checks[0].http_health_check.path"),
  HEALTHCHECK_INTERVAL(
      "healthcheck.interval", ValueKind.DURATION, "10000 (10s)", Scope.SERVICE, true,
      "Time between health checks; turns health checking on.",
      "Cluster.health_checks[0].interval"),
  HEALTHCHECK_TIMEOUT(
      "healthcheck.timeout", ValueKind.DURATION, "3000 (3s)", Scope.SERVICE, true,
      "Time to wait for a health-check response; turns health checking on.",
      "Cluster.health_checks[0].timeout"),
  HEALTHCHECK_PORT(
      "healthcheck.port", ValueKind.PORT, "the endpoint's port", Scope.SERVICE, true,
      "Port of the application that its own sidecar health-checks (local cluster only).",
      "LbEndpoint.endpoint.health_check_config.port_value"),
  HEALTHCHECK_EXPECTED_STATUS(
      "healthcheck.expected-status", ValueKind.STATUS_RANGE, "200-399", Scope.SERVICE, true,
      "Statuses that count as healthy, inclusive.",
      "Cluster.health_checks[0].http_health_check.expected_statuses"),
  HEALTHCHECK_CACHE(
      "healthcheck.cache", ValueKind.DURATION, "30000 (30s)", Scope.SERVICE, false,
      "How long the serving sidecar caches its application's health-check answer.",
      "HealthCheck.cache_time (health_check filter)"),
  CIRCUIT_BREAKER_MAX_CONNECTIONS(
      "circuit-breaker.max-connections", ValueKind.POSITIVE_COUNT, "1024 (Envoy)", Scope.SERVICE,
      true, "Most connections to the service's endpoints at once.",
      "Cluster.circuit_breakers.thresholds[0].max_connections"),
  CIRCUIT_BREAKER_MAX_PENDING(
      "circuit-breaker.max-pending", ValueKind.POSITIVE_COUNT, "1024 (Envoy)", Scope.SERVICE, true,
      "Most requests waiting for a connection.",
      "Cluster.circuit_breakers.thresholds[0].max_pending_requests"),
  CIRCUIT_BREAKER_MAX_REQUESTS(
      "circuit-breaker.max-requests", ValueKind.POSITIVE_COUNT, "1024 (Envoy)", Scope.SERVICE, true,
      "Most requests in flight at once.",
      "Cluster.circuit_breakers.thresholds[0].max_requests"),
  CIRCUIT_BREAKER_MAX_RETRIES(
      "circuit-breaker.max-retries", ValueKind.COUNT, "3 (Envoy)", Scope.SERVICE, true,
      "Most retries in flight at once.",
      "Cluster.circuit_breakers.thresholds[0].max_retries"),
  ENDPOINT_WEIGHT(
      "endpoint.weight", ValueKind.POSITIVE_COUNT, "64 when another endpoint has a weight",
      Scope.ENDPOINT, true,
      "Relative share of traffic this endpoint receives; on a service entry, the default for its"
          + " endpoints.",
      "LbEndpoint.load_balancing_weight"),
  FAULT_INJECT(
      "fault.inject", ValueKind.FLAG, "off", Scope.SERVICE, false,
      "Turns on fault injection for the service's incoming traffic.",
      "HTTPFault (per virtual host)"),
  FAULT_DELAY_DURATION(
      "fault.delay.duration", ValueKind.DURATION, "30 (30ms)", Scope.SERVICE, false,
      "Delay added to a delayed request.", "HTTPFault.delay.fixed_delay"),
  FAULT_DELAY_PERCENT(
      "fault.delay.percent", ValueKind.PERCENT, "0", Scope.SERVICE, false,
      "Share of requests that are delayed.", "HTTPFault.delay.percentage"),
  FAULT_ABORT_CODE(
      "fault.abort.code", ValueKind.STATUS, "503", Scope.SERVICE, false,
      "Status returned by an aborted request.", "HTTPFault.abort.http_status"),
  FAULT_ABORT_PERCENT(
      "fault.abort.percent", ValueKind.PERCENT, "0", Scope.SERVICE, false,
      "Share of requests that are aborted.", "HTTPFault.abort.percentage"),
  ENABLE_RETRY(
      "enable-retry", ValueKind.FLAG, "off", Scope.SERVICE, false,
      "Retries failed requests to the service.", "Route.route.retry_policy"),
  NUM_RETRIES(
      "num-retries", ValueKind.COUNT, "1 (Envoy)", Scope.SERVICE, false,
      "Retries per request when retries are on.", "Route.route.retry_policy.num_retries");

  /** Where an annotation may be written. */
  public enum Scope {
    /** Policy of the whole service: on a service entry or any of its endpoints, one value. */
    SERVICE,
    /** Property of one endpoint: on the endpoint, or on a service entry as its endpoints' default. */
    ENDPOINT
  }

  private static final Map<String, AnnotationKey> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(k -> k.key, Function.identity()));

  private final String key;
  private final ValueKind kind;
  private final String defaultText;
  private final Scope scope;
  private final boolean active;
  private final String effect;
  private final String envoyField;

  AnnotationKey(
      String key, ValueKind kind, String defaultText, Scope scope, boolean active, String effect,
      String envoyField) {
    this.key = key;
    this.kind = kind;
    this.defaultText = defaultText;
    this.scope = scope;
    this.active = active;
    this.effect = effect;
    this.envoyField = envoyField;
  }

  public static Optional<AnnotationKey> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static java.util.Set<String> names() {
    return BY_NAME.keySet();
  }

  /**
   * Why {@code text} is not a valid value for this key (a phrase that completes "KEY ...", such as
   * "must be a path starting with ..."), or empty when it is valid.
   */
  public Optional<String> valueProblem(String text) {
    try {
      kind.parse(text);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public String key() {
    return key;
  }

  public ValueKind kind() {
    return kind;
  }

  public String defaultText() {
    return defaultText;
  }

  public Scope scope() {
    return scope;
  }

  /** False for keys that are recognised and validated but do not change the output yet. */
  public boolean active() {
    return active;
  }

  public String effect() {
    return effect;
  }

  public String envoyField() {
    return envoyField;
  }
}
