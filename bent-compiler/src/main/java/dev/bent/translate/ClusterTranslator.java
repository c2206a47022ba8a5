package dev.bent.translate;

import com.google.protobuf.UInt32Value;
import dev.bent.ir.CircuitBreakerPlan;
import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.ir.OutlierPlan;
import io.envoyproxy.envoy.config.cluster.v3.OutlierDetection;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Translates a {@link ClusterPlan} into an Envoy cluster with its endpoints inline.
 *
 * <p>Reasoning: endpoints live in {@code load_assignment}, not in EDS files, because every
 * filesystem subscription costs an inotify instance and hosts allow few. IP endpoints make a
 * STATIC cluster; any DNS name makes the cluster STRICT_DNS.
 */
public final class ClusterTranslator {
  static final com.google.protobuf.Duration CONNECT_TIMEOUT = Protos.millis(1000);

  private ClusterTranslator() {}

  /** {@code hostHeader}: the Host its health checks send (the service name). */
  public static Cluster translate(ClusterPlan plan, String hostHeader) {
    Cluster.Builder cluster =
        Cluster.newBuilder()
            .setName(plan.name())
            .setConnectTimeout(CONNECT_TIMEOUT)
            .setType(plan.isStatic() ? Cluster.DiscoveryType.STATIC : Cluster.DiscoveryType.STRICT_DNS);
    if (!plan.isStatic()) {
      cluster.setDnsLookupFamily(Cluster.DnsLookupFamily.V4_PREFERRED);
    }
    LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
    for (EndpointPlan endpoint : plan.endpoints()) {
      locality.addLbEndpoints(lbEndpoint(endpoint));
    }
    cluster.setLoadAssignment(
        ClusterLoadAssignment.newBuilder().setClusterName(plan.name()).addEndpoints(locality));
    plan.healthCheck().ifPresent(hc -> cluster.addHealthChecks(HealthCheckTranslator.translate(hc, hostHeader)));
    plan.circuitBreaker().ifPresent(cb -> cluster.setCircuitBreakers(circuitBreakers(cb)));
    plan.outlier().ifPresent(o -> cluster.setOutlierDetection(outlier(o)));
    return cluster.build();
  }

  private static LbEndpoint lbEndpoint(EndpointPlan plan) {
    Endpoint.Builder endpoint = Endpoint.newBuilder().setAddress(Protos.address(plan.address(), plan.port()));
    plan.healthCheckPort()
        .ifPresent(port -> endpoint.setHealthCheckConfig(
            Endpoint.HealthCheckConfig.newBuilder().setPortValue(port)));
    LbEndpoint.Builder lb = LbEndpoint.newBuilder().setEndpoint(endpoint);
    plan.weight().ifPresent(w -> lb.setLoadBalancingWeight(UInt32Value.of((int) w)));
    return lb.build();
  }

  private static CircuitBreakers circuitBreakers(CircuitBreakerPlan plan) {
    CircuitBreakers.Thresholds.Builder thresholds = CircuitBreakers.Thresholds.newBuilder();
    set(plan.maxConnections(), v -> thresholds.setMaxConnections(v));
    set(plan.maxPendingRequests(), v -> thresholds.setMaxPendingRequests(v));
    set(plan.maxRequests(), v -> thresholds.setMaxRequests(v));
    set(plan.maxRetries(), v -> thresholds.setMaxRetries(v));
    return CircuitBreakers.newBuilder().addThresholds(thresholds).build();
  }

  private static OutlierDetection outlier(OutlierPlan plan) {
    OutlierDetection.Builder outlier = OutlierDetection.newBuilder();
    set(plan.consecutive5xx(), outlier::setConsecutive5Xx);
    plan.interval().ifPresent(d -> outlier.setInterval(Protos.duration(d)));
    plan.baseEjectionTime().ifPresent(d -> outlier.setBaseEjectionTime(Protos.duration(d)));
    set(plan.maxEjectionPercent(), outlier::setMaxEjectionPercent);
    return outlier.build();
  }

  private static void set(OptionalLong value, Consumer<UInt32Value> setter) {
    value.ifPresent(v -> setter.accept(UInt32Value.of((int) v)));
  }
}
