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
      "healthcheck.cache", ValueKind.DURATION, "off", Scope.SERVICE, true,
      "The serving sidecar answers health checks of healthcheck.path from a cache of its"
          + " application's answer, kept this long.",
      "HealthCheck.cache_time (health_check filter, pass-through)"),
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
      "fault.inject", ValueKind.FLAG, "off", Scope.SERVICE, true,
      "Turns on fault injection for the service's incoming traffic, on the nodes that serve it.",
      "HTTPFault in the ingress virtual host's typed_per_filter_config"),
  FAULT_DELAY_DURATION(
      "fault.delay.duration", ValueKind.DURATION, "30 (30ms)", Scope.SERVICE, true,
      "Delay added to a delayed request.", "HTTPFault.delay.fixed_delay"),
  FAULT_DELAY_PERCENT(
      "fault.delay.percent", ValueKind.PERCENT, "0", Scope.SERVICE, true,
      "Share of requests that are delayed.", "HTTPFault.delay.percentage"),
  FAULT_ABORT_CODE(
      "fault.abort.code", ValueKind.STATUS, "503", Scope.SERVICE, true,
      "Status returned by an aborted request.", "HTTPFault.abort.http_status"),
  FAULT_ABORT_PERCENT(
      "fault.abort.percent", ValueKind.PERCENT, "0", Scope.SERVICE, true,
      "Share of requests that are aborted.", "HTTPFault.abort.percentage"),
  ENABLE_RETRY(
      "enable-retry", ValueKind.FLAG, "off (on when another retry key is set)", Scope.SERVICE, true,
      "Retries failed requests to the service, on the egress route of every node.",
      "Route.route.retry_policy"),
  NUM_RETRIES(
      "num-retries", ValueKind.COUNT, "1", Scope.SERVICE, true,
      "Retries per request.", "Route.route.retry_policy.num_retries"),
  RETRY_ON(
      "retry-on", ValueKind.RETRY_ON, "5xx,connect-failure,refused-stream,reset", Scope.SERVICE, true,
      "Conditions that trigger a retry.", "Route.route.retry_policy.retry_on"),
  PER_TRY_TIMEOUT(
      "per-try-timeout", ValueKind.DURATION, "the route timeout", Scope.SERVICE, true,
      "Time limit of each try, retries included.", "Route.route.retry_policy.per_try_timeout"),
  SPLIT_OF(
      "split-of", ValueKind.SPLIT_SHARE, "none", Scope.SERVICE, true,
      "Makes this service a target of a virtual service's weighted split: every request to the virtual"
          + " service goes to the services that name it, by weight (the label form of routes).",
      "Route.route.weighted_clusters.clusters[] of the virtual service's catch-all route"),
  TIMEOUT(
      "timeout", ValueKind.DURATION, "15000 (15s, Envoy)", Scope.SERVICE, true,
      "Time limit of a whole request to the service, retries included.", "Route.route.timeout"),
  OUTLIER_CONSECUTIVE_5XX(
      "outlier.consecutive-5xx", ValueKind.POSITIVE_COUNT, "5 (Envoy)", Scope.SERVICE, true,
      "Consecutive 5xx answers after which an endpoint is ejected; turns outlier detection on.",
      "Cluster.outlier_detection.consecutive_5xx"),
  OUTLIER_INTERVAL(
      "outlier.interval", ValueKind.DURATION, "10000 (10s, Envoy)", Scope.SERVICE, true,
      "Time between ejection sweeps; turns outlier detection on.",
      "Cluster.outlier_detection.interval"),
  OUTLIER_BASE_EJECTION_TIME(
      "outlier.base-ejection-time", ValueKind.DURATION, "30000 (30s, Envoy)", Scope.SERVICE, true,
      "How long an endpoint stays ejected, times the number of its ejections.",
      "Cluster.outlier_detection.base_ejection_time"),
  OUTLIER_MAX_EJECTION_PERCENT(
      "outlier.max-ejection-percent", ValueKind.PERCENT, "10 (Envoy)", Scope.SERVICE, true,
      "Most endpoints of the service ejected at once, in percent.",
      "Cluster.outlier_detection.max_ejection_percent");

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
