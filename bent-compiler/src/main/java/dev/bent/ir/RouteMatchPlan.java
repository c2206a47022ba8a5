package dev.bent.ir;

import java.util.List;

/**
 * The conditions of a route, all of which must hold: the path (a prefix, an exact path or an RE2
 * expression), each header and query parameter condition, and one of {@code methods} when any.
 */
public record RouteMatchPlan(
    PathKind pathKind, String path, List<ValueMatch> headers, List<ValueMatch> query, List<String> methods) {
  public RouteMatchPlan {
    headers = List.copyOf(headers);
    query = List.copyOf(query);
    methods = List.copyOf(methods);
  }

  /** How the path is matched. */
  public enum PathKind {
    PREFIX,
    PATH,
    REGEX
  }

  /** How a header or query-parameter value is matched. */
  public enum ValueKind {
    EXACT,
    PREFIX,
    REGEX,
    PRESENT,
    ABSENT
  }

  /** A condition on one header or query parameter; {@code value} is empty for present/absent. */
  public record ValueMatch(String name, ValueKind kind, String value) {}

  /** True when every request matches: prefix "/" and no other condition. */
  public boolean catchesAll() {
    return pathKind == PathKind.PREFIX && path.equals("/") && headers.isEmpty() && query.isEmpty()
        && methods.isEmpty();
  }
}
