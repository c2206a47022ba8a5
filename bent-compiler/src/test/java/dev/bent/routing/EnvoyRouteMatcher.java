package dev.bent.routing;

import com.google.re2j.Pattern;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.QueryParameterMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.type.matcher.v3.StringMatcher;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the virtual host and route a request takes through a route configuration, following
 * Envoy's documented rules for the fields bent writes: exact domains (the listener strips any
 * port), routes in order with the first match winning, prefix/path/safe_regex (whole path, no
 * query), header and query-parameter matchers, {@code invert_match}.
 */
final class EnvoyRouteMatcher {
  /** A request as it reaches a listener. */
  record Request(String host, String method, String path, Map<String, String> headers) {}

  private EnvoyRouteMatcher() {}

  static Optional<VirtualHost> virtualHost(RouteConfiguration config, String host) {
    String bare = host.replaceFirst(":[0-9]+$", "");
    return config.getVirtualHostsList().stream().filter(v -> v.getDomainsList().contains(bare)).findFirst();
  }

  static Optional<Route> route(RouteConfiguration config, Request request) {
    return virtualHost(config, request.host())
        .flatMap(v -> v.getRoutesList().stream().filter(r -> matches(r.getMatch(), request)).findFirst());
  }

  private static boolean matches(RouteMatch match, Request request) {
    String path = request.path().contains("?") ? request.path().substring(0, request.path().indexOf('?')) : request.path();
    boolean pathOk = switch (match.getPathSpecifierCase()) {
      case PREFIX -> path.startsWith(match.getPrefix());
      case PATH -> path.equals(match.getPath());
      case SAFE_REGEX -> Pattern.matches(match.getSafeRegex().getRegex(), path);
      default -> throw new AssertionError("path specifier bent does not write: " + match.getPathSpecifierCase());
    };
    if (!pathOk) {
      return false;
    }
    for (HeaderMatcher header : match.getHeadersList()) {
      String value = header.getName().equals(":method") ? request.method() : request.headers().get(header.getName());
      boolean ok = header.hasStringMatch() ? value != null && string(header.getStringMatch(), value)
          : header.getPresentMatch() == (value != null);
      if (ok == header.getInvertMatch()) {
        return false;
      }
    }
    Map<String, String> query = query(request.path());
    for (QueryParameterMatcher q : match.getQueryParametersList()) {
      String value = query.get(q.getName());
      boolean ok = q.hasStringMatch() ? value != null && string(q.getStringMatch(), value) : value != null;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean string(StringMatcher matcher, String value) {
    return switch (matcher.getMatchPatternCase()) {
      case EXACT -> value.equals(matcher.getExact());
      case PREFIX -> value.startsWith(matcher.getPrefix());
      case SAFE_REGEX -> Pattern.matches(matcher.getSafeRegex().getRegex(), value);
      default -> throw new AssertionError("string match bent does not write: " + matcher.getMatchPatternCase());
    };
  }

  private static Map<String, String> query(String path) {
    Map<String, String> out = new java.util.HashMap<>();
    int q = path.indexOf('?');
    if (q < 0) {
      return out;
    }
    for (String pair : path.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      out.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
    }
    return out;
  }
}
