package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.ir.Addresses;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import java.util.List;

/**
 * Checks one cluster beyond its field rules, as Envoy does when it builds it: a STATIC cluster's
 * endpoints must be IP literals (use STRICT_DNS for host names; {@code
 * source/extensions/clusters/static/static_cluster.cc} parses each with
 * Network::Utility::parseInternetAddress, which refuses a name) and the endpoint weights of each
 * locality must add up to a uint32 ({@code source/common/upstream/upstream_impl.cc}: "The sum of
 * weights of all upstream hosts in a locality exceeds 4294967295").
 */
final class ClusterCheck {
  private static final long UINT32_MAX = 0xFFFFFFFFL;

  private final List<Diagnostic> problems;

  ClusterCheck(List<Diagnostic> problems) {
    this.problems = problems;
  }

  void check(String file, String field, Cluster cluster) {
    var localities = cluster.getLoadAssignment().getEndpointsList();
    for (int l = 0; l < localities.size(); l++) {
      String at = field + ".load_assignment.endpoints[" + l + "]";
      List<LbEndpoint> endpoints = localities.get(l).getLbEndpointsList();
      long sum = 0;
      for (int e = 0; e < endpoints.size(); e++) {
        var address = endpoints.get(e).getEndpoint().getAddress();
        String host = address.getSocketAddress().getAddress();
        if (cluster.getType() == Cluster.DiscoveryType.STATIC && address.hasSocketAddress()
            && !Addresses.isIpLiteral(host)) {
          error(file, at + ".lb_endpoints[" + e + "]: a STATIC cluster needs an IP address, not \""
              + host + "\" (use STRICT_DNS)");
        }
        sum += Integer.toUnsignedLong(endpoints.get(e).getLoadBalancingWeight().getValue());
      }
      if (sum > UINT32_MAX) {
        error(file, at + ": endpoint weights add up to " + sum + ", more than uint32");
      }
    }
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
