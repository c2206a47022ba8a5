package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.diag.Suggestions;
import io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that each tracer's collector cluster is defined in the bootstrap's static_resources:
 * Zipkin's {@code collector_cluster} and OpenTelemetry's gRPC {@code envoy_grpc.cluster_name}.
 *
 * <p>Reasoning: both tracers look their cluster up when the listener is built, and Envoy's check
 * ({@code checkActiveStaticCluster}) refuses a cluster that does not exist yet or that came from
 * CDS, so a collector defined in cds.yaml rejects every listener that traces.
 */
final class TracerClusterCheck {
  static final Set<String> TYPES =
      Set.of(ZipkinConfig.getDescriptor().getFullName(), OpenTelemetryConfig.getDescriptor().getFullName());

  private final List<Diagnostic> problems;
  private final Set<String> staticClusters;
  private final Map<String, String> allClusters;

  /**
   * @param staticClusters names of the clusters in the bootstrap's static_resources
   * @param allClusters every cluster name with where it is defined, static and dynamic
   */
  TracerClusterCheck(List<Diagnostic> problems, Set<String> staticClusters, Map<String, String> allClusters) {
    this.problems = problems;
    this.staticClusters = staticClusters;
    this.allClusters = allClusters;
  }

  /** Checks one found ZipkinConfig or OpenTelemetryConfig; other types are ignored. */
  void check(String file, TypedConfigFinder.Found found) {
    if (found.config() instanceof ZipkinConfig zipkin) {
      cluster(file, Findings.field(found.path(), "collector_cluster"), zipkin.getCollectorCluster());
    } else if (found.config() instanceof OpenTelemetryConfig otel
        && otel.getGrpcService().hasEnvoyGrpc()) {
      cluster(file, Findings.field(found.path(), "grpc_service.envoy_grpc.cluster_name"),
          otel.getGrpcService().getEnvoyGrpc().getClusterName());
    }
  }

  private void cluster(String file, String field, String name) {
    if (staticClusters.contains(name)) {
      return;
    }
    String where = allClusters.get(name);
    String message = where != null
        ? "cluster \"" + name + "\" is defined at " + where + ", but a tracer's collector must be a"
            + " static cluster of the bootstrap (Envoy refuses clusters added by CDS)"
        : "no cluster named \"" + name + "\" in the bootstrap's static_resources"
            + Suggestions.didYouMean(name, staticClusters) + "; static clusters: " + staticClusters;
    problems.add(Diagnostic.error(Location.of(file), field + ": " + message));
  }
}
