package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an HTTP filter chain as Envoy builds it: every filter has a {@code typed_config} (Envoy
 * finds the factory by its type, {@code source/common/config/utility.h} getAndCheckFactory), and
 * the router, a terminal filter, is last ({@code source/common/http/filter_chain_helper.cc}
 * checkFinalFilter: "terminal filter named ... must be the last filter"). A filter name used twice
 * loads in Envoy but makes {@code typed_per_filter_config} ambiguous: a warning, and under {@code
 * --profile bent} a layout error.
 */
final class HttpFilterChainCheck {
  static final String ROUTER_TYPE = "type.googleapis.com/" + Router.getDescriptor().getFullName();

  private final List<Diagnostic> problems;
  /** bent's layout policy, or null when only Envoy's rules apply. */
  private final LayoutPolicy policy;

  HttpFilterChainCheck(List<Diagnostic> problems, LayoutPolicy policy) {
    this.problems = problems;
    this.policy = policy;
  }

  void check(String file, String field, List<HttpFilter> filters) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < filters.size(); i++) {
      HttpFilter filter = filters.get(i);
      String at = field + ".http_filters[" + i + "]";
      if (!filter.hasTypedConfig() && !filter.hasConfigDiscovery()) {
        error(file, at + ".typed_config: required (filters are chosen by their @type)");
      }
      if (!names.add(filter.getName())) {
        if (policy != null) {
          policy.duplicateFilterName(file, at, filter.getName());
        } else {
          problems.add(Diagnostic.warning(Location.of(file), at + ".name: filter name \"" + filter.getName()
              + "\" is used twice in one chain; Envoy loads it, but per-route config by that name is ambiguous"));
        }
      }
      boolean router = filter.getTypedConfig().getTypeUrl().equals(ROUTER_TYPE);
      if (router && i != filters.size() - 1) {
        error(file, at + ": the router filter must be the last HTTP filter");
      }
    }
    if (filters.isEmpty() || !filters.get(filters.size() - 1).getTypedConfig().getTypeUrl().equals(ROUTER_TYPE)) {
      error(file, field + ".http_filters: the last HTTP filter must be the router");
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
