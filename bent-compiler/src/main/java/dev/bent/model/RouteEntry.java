package dev.bent.model;

import dev.bent.diag.Location;
import java.util.List;
import java.util.Optional;

/**
 * One route of a routed service as the user wrote it: what a request must look like, and where it
 * goes. Routes are tried in order and the first match wins; a request no route matches is answered
 * 404 by Envoy.
 *
 * <pre>{@code
 * routes:
 * - match: {prefix: /api/v2/, headers: {x-canary: {exact: "true"}}, methods: [GET, HEAD]}
 *   to: reviews-v2.svc
 * - match: {prefix: /}
 *   split: [{service: reviews-v1.svc, weight: 90}, {service: reviews-v2.svc, weight: 10}]
 *   mirror: {service: reviews-v3.svc, percent: 5}
 *   timeout: 2s
 * }</pre>
 *
 * <p>{@code targets} holds the one target of {@code to} (weight 1) or the entries of {@code split};
 * {@code policy} holds the route's own timeout and retry keys, written like the service annotations
 * of the same names.
 */
public record RouteEntry(
    Match match,
    List<Target> targets,
    boolean split,
    Optional<Mirror> mirror,
    Optional<String> prefixRewrite,
    List<Annotation> policy,
    Location location) {
  public RouteEntry {
    targets = List.copyOf(targets);
    policy = List.copyOf(policy);
  }

  /** How the path is matched. */
  public enum PathKind {
    /** The path starts with the text. */
    PREFIX,
    /** The path (without the query) is exactly the text. */
    PATH,
    /** The whole path (without the query) matches the RE2 expression. */
    REGEX
  }

  /** How a header or query parameter value is matched. */
  public enum ValueKind {
    EXACT,
    PREFIX,
    REGEX,
    PRESENT,
    ABSENT
  }

  /**
   * The conditions of a route, all of which must hold: the path, each header, each query
   * parameter, and the method (one of {@code methods} when any are listed).
   */
  public record Match(
      PathKind pathKind,
      String path,
      Location pathLocation,
      List<ValueMatch> headers,
      List<ValueMatch> query,
      List<String> methods,
      Location location) {
    public Match {
      headers = List.copyOf(headers);
      query = List.copyOf(query);
      methods = List.copyOf(methods);
    }

    /** True when the match takes every request: prefix "/" and nothing else. */
    public boolean catchesAll() {
      return pathKind == PathKind.PREFIX && path.equals("/") && headers.isEmpty() && query.isEmpty()
          && methods.isEmpty();
    }
  }

  /** A condition on one header or query parameter; {@code value} is empty for present/absent. */
  public record ValueMatch(String name, ValueKind kind, String value, Location location) {}

  /** A service that receives a share of the route's requests. */
  public record Target(String service, long weight, Location location) {}

  /** A service that receives a copy of {@code percent} of the route's requests. */
  public record Mirror(String service, double percent, Location location) {}
}
