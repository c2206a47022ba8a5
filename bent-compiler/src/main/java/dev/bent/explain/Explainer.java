package dev.bent.explain;

import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.ir.FaultPlan;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.ir.PolicyValue;
import dev.bent.ir.RoutePolicy;
import dev.bent.ir.VirtualHostPlan;
import dev.bent.model.MeshSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes a readable summary of what one node's Envoy will do: its listeners, each virtual host with
 * its cluster and endpoints, and every policy with where its value came from (an annotation's
 * place, a mesh setting, or the default).
 */
public final class Explainer {
  private final MeshPlan plan;
  private final StringBuilder out = new StringBuilder();

  private Explainer(MeshPlan plan) {
    this.plan = plan;
  }

  public static String explain(MeshPlan plan, NodePlan node) {
    return new Explainer(plan).node(node);
  }

  private String node(NodePlan node) {
    MeshSettings settings = plan.settings();
    MeshSettings.Ports ports = settings.ports();
    MeshSettings.Ports defaults = MeshSettings.Ports.defaults();
    line(0, "node " + node.name());
    line(1, "admin 127.0.0.1:" + ports.admin() + origin(ports.admin() == defaults.admin()));
    line(1, "prometheus 0.0.0.0:" + ports.prometheus() + " /stats/prometheus -> admin"
        + origin(ports.prometheus() == defaults.prometheus()));
    line(1, "access log " + (settings.accessLog().enabled() ? "JSON to " + settings.accessLog().path() : "off")
        + origin(settings.accessLog().equals(MeshSettings.AccessLog.defaults())));
    line(1, "tracing " + settings.tracing().map(t -> t.provider().name().toLowerCase(java.util.Locale.ROOT)
        + " to " + t.address() + ":" + t.port() + ", sampling " + t.samplingPercent() + "%").orElse("off")
        + origin(settings.tracing().isEmpty()));
    line(1, "mutual TLS " + plan.tls().map(t -> t.mode().name().toLowerCase(java.util.Locale.ROOT)
        + " (mesh.tls), trust domain " + t.trustDomain() + ", identity spiffe://" + t.trustDomain() + "/node/"
        + node.name() + "; egress requires each service's spiffe://" + t.trustDomain() + "/service/<name>"
        + (t.allowedCallers().isEmpty() ? "" : "; allowed callers of " + String.join(", ",
            new java.util.TreeSet<>(t.allowedCallers().keySet()))))
        .orElse("off, traffic between sidecars is plain text (default)"));
    Map<String, ClusterPlan> egress = plan.egressClusters().stream()
        .collect(Collectors.toMap(ClusterPlan::name, Function.identity()));
    line(1, "listener egress 0.0.0.0:" + ports.egress() + origin(ports.egress() == defaults.egress()));
    plan.egressHosts().forEach(h -> host(h, egress.get(h.cluster())));
    node.gateway().ifPresent(g -> {
      line(1, "listener gateway 0.0.0.0:" + g.port() + " (mesh.gateways), basic auth for " + g.htpasswd().size()
          + (g.htpasswd().size() == 1 ? " user" : " users") + ", routes like egress"
          + (g.replacesIngress() ? "; replaces the ingress listener" : ""));
    });
    if (node.gateway().isEmpty() || !node.gateway().get().replacesIngress()) {
      Map<String, ClusterPlan> local = node.localClusters().stream()
          .collect(Collectors.toMap(ClusterPlan::name, Function.identity()));
      line(1, "listener ingress 0.0.0.0:" + ports.ingress() + origin(ports.ingress() == defaults.ingress()));
      if (node.ingressHosts().isEmpty()) {
        line(2, "no local services");
      } else if (settings.localClusters() == MeshSettings.LocalClusters.BOOTSTRAP) {
        line(2, "local clusters static in bootstrap.yaml (mesh.localClusters): a change to them needs an Envoy restart");
      }
      node.ingressHosts().forEach(h -> host(h, local.get(h.cluster())));
      node.healthCaches().forEach(c -> line(2, "health checks of " + c.service() + " on " + c.path()
          + " answered from a cache kept " + millis(c.cacheTime().toMillis())));
    }
    for (VirtualHostPlan host : node.ingressHosts()) {
      policies(host.name());
    }
    return out.toString();
  }

  private void host(VirtualHostPlan host, ClusterPlan cluster) {
    if (!host.routes().isEmpty()) {
      line(2, host.name() + (cluster == null ? " (virtual service)" : "") + " -> by route, first match wins");
      RouteExplainer.explain(host.routes(), 3, this::line);
      return;
    }
    line(2, host.name() + " -> " + host.cluster()
        + (cluster != null && !cluster.isStatic() ? " (DNS)" : ""));
    if (host.domains().size() > 1) {
      line(3, "also answers Host " + String.join(", ", host.domains().subList(1, host.domains().size()))
          + " (mirrored copies)");
    }
    if (cluster != null) {
      if (cluster.endpoints().isEmpty()) {
        line(3, "no endpoints");
      }
      for (EndpointPlan e : cluster.endpoints()) {
        line(3, e.address() + ":" + e.port()
            + (e.weight().isPresent() ? " weight " + e.weight().getAsLong() : "")
            + (e.healthCheckPort().isPresent() ? " health-checked on port " + e.healthCheckPort().getAsInt() : ""));
      }
      cluster.healthCheck().ifPresent(hc -> line(3, "health check GET " + hc.path() + " every "
          + millis(hc.interval().toMillis()) + ", timeout " + millis(hc.timeout().toMillis())
          + ", healthy " + hc.firstStatus() + "-" + hc.lastStatus()));
      cluster.circuitBreaker().ifPresent(cb -> line(3, "circuit breaker:"
          + count(" max connections", cb.maxConnections()) + count(" max pending", cb.maxPendingRequests())
          + count(" max requests", cb.maxRequests()) + count(" max retries", cb.maxRetries())));
      cluster.outlier().ifPresent(o -> line(3, "outlier detection:"
          + count(" consecutive 5xx", o.consecutive5xx())
          + o.interval().map(d -> " interval " + millis(d.toMillis())).orElse("")
          + o.baseEjectionTime().map(d -> " ejection " + millis(d.toMillis())).orElse("")
          + count(" max ejected %", o.maxEjectionPercent())));
    }
    host.route().ifPresent(this::route);
    host.fault().ifPresent(this::fault);
  }

  private void route(RoutePolicy policy) {
    policy.timeout().ifPresent(t -> line(3, "timeout " + millis(t.toMillis())));
    policy.retry().ifPresent(r -> line(3, "retry " + r.numRetries() + "x on " + r.retryOn()
        + r.perTryTimeout().map(t -> ", " + millis(t.toMillis()) + " per try").orElse("")));
  }

  private void fault(FaultPlan fault) {
    fault.delay().ifPresent(d -> line(3, "fault: delay " + millis(d.toMillis()) + " for " + fault.delayPercent() + "%"));
    fault.abortStatus().ifPresent(s -> line(3, "fault: abort with " + s + " for " + fault.abortPercent() + "%"));
  }

  private void policies(String service) {
    List<PolicyValue> values = plan.policies().getOrDefault(service, List.of());
    line(1, "policy of " + service);
    for (PolicyValue value : values) {
      line(2, value.key() + " = " + (value.value().isEmpty() ? "\"\"" : value.value()) + "  (" + value.origin() + ")");
    }
  }

  private static String count(String label, java.util.OptionalLong value) {
    return value.isPresent() ? label + " " + value.getAsLong() : "";
  }

  private static String origin(boolean isDefault) {
    return isDefault ? "  (default)" : "  (mesh setting)";
  }

  private static String millis(long ms) {
    return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
  }

  private void line(int indent, String text) {
    out.append("  ".repeat(indent)).append(text).append('\n');
  }
}
