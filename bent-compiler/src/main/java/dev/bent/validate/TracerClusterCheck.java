package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import java.util.List;
import java.util.Set;

/**
 * Checks each tracer's collector cluster: Zipkin's {@code collector_cluster} and OpenTelemetry's
 * gRPC {@code envoy_grpc.cluster_name}.
 *
 * <p>Envoy's rules: the Zipkin driver looks its cluster up when the listener is built ({@code
 * source/extensions/tracers/zipkin/zipkin_tracer_impl.cc}, {@code Config::Utility::checkCluster}
 * with {@code allow_added_via_api = true}: "unknown cluster"), so the cluster must exist then, and
 * may come from CDS; a static listener is built before CDS starts, so it sees only static clusters
 * ({@code source/server/configuration_impl.cc}, MainImpl::initialize). The OpenTelemetry tracer
 * skips the check ({@code factoryForGrpcService(..., skip_cluster_check = true)} in {@code
 * source/extensions/tracers/opentelemetry/opentelemetry_tracer_impl.cc}): a missing collector
 * loads and its spans are dropped, a warning. bent's layout also wants collectors static ({@link
 * LayoutPolicy#tracerCollector}).
 */
final class TracerClusterCheck {
  static final Set<String> TYPES =
      Set.of(ZipkinConfig.getDescriptor().getFullName(), OpenTelemetryConfig.getDescriptor().getFullName());

  private final List<Diagnostic> problems;
  private final Set<String> visible;
  private final String visibleWhat;
  private final Set<String> staticClusters;
  private final LayoutPolicy policy;

  /**
   * @param visible the clusters that exist when the listener is built
   * @param visibleWhat what {@code visible} is, for messages
   * @param staticClusters the bootstrap's static clusters
   * @param policy bent's layout policy, or null when only Envoy's rules apply
   */
  TracerClusterCheck(List<Diagnostic> problems, Set<String> visible, String visibleWhat, Set<String> staticClusters,
      LayoutPolicy policy) {
    this.problems = problems;
    this.visible = visible;
    this.visibleWhat = visibleWhat;
    this.staticClusters = staticClusters;
    this.policy = policy;
  }

  /** Checks one found ZipkinConfig or OpenTelemetryConfig; other types are ignored. */
  void check(String file, TypedConfigFinder.Found found) {
    if (found.config() instanceof ZipkinConfig zipkin) {
      String field = Findings.field(found.path(), "collector_cluster");
      String name = zipkin.getCollectorCluster();
      if (!visible.contains(name)) {
        problems.add(Diagnostic.error(Location.of(file), field + ": no cluster named \"" + name + "\" among the "
            + visibleWhat + Suggestions.didYouMean(name, visible) + " (Envoy's Zipkin driver: \"unknown cluster\")"));
      } else if (policy != null) {
        policy.tracerCollector(file, field, name, staticClusters);
      }
    } else if (found.config() instanceof OpenTelemetryConfig otel && otel.getGrpcService().hasEnvoyGrpc()) {
      String field = Findings.field(found.path(), "grpc_service.envoy_grpc.cluster_name");
      String name = otel.getGrpcService().getEnvoyGrpc().getClusterName();
      if (!visible.contains(name)) {
        problems.add(Diagnostic.warning(Location.of(file), field + ": no cluster named \"" + name + "\" among the "
            + visibleWhat + Suggestions.didYouMean(name, visible) + "; Envoy loads it and drops the spans"));
      }
      if (policy != null) {
        policy.tracerCollector(file, field, name, staticClusters);
      }
    }
  }
}
