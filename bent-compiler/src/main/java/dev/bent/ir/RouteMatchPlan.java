package dev.bent.ir;

import dev.bent.model.RouteEntry.PathKind;
import dev.bent.model.RouteEntry.ValueKind;
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

  /** A condition on one header or query parameter; {@code value} is empty for present/absent. */
  public record ValueMatch(String name, ValueKind kind, String value) {}

  /** True when every request matches: prefix "/" and no other condition. */
  public boolean catchesAll() {
    return pathKind == PathKind.PREFIX && path.equals("/") && headers.isEmpty() && query.isEmpty()
        && methods.isEmpty();
  }
}
