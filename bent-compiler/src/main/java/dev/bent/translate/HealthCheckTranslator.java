package dev.bent.translate;

import com.google.protobuf.UInt32Value;
import dev.bent.ir.HealthCheckPlan;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.type.v3.Int64Range;

/** Translates a {@link HealthCheckPlan} into an active HTTP health check of a cluster. */
final class HealthCheckTranslator {
  /** Consecutive failures or successes before a host changes state (the seed's 3). */
  static final int THRESHOLD = 3;

  private HealthCheckTranslator() {}

  /**
   * {@code host} is the Host header sent; for a cluster of sidecars it is the service name, which
   * the serving sidecar's ingress routes to the application.
   */
  static HealthCheck translate(HealthCheckPlan plan, String host) {
    return HealthCheck.newBuilder()
        .setTimeout(Protos.duration(plan.timeout()))
        .setInterval(Protos.duration(plan.interval()))
        .setUnhealthyThreshold(UInt32Value.of(THRESHOLD))
        .setHealthyThreshold(UInt32Value.of(THRESHOLD))
        .setHttpHealthCheck(
            HealthCheck.HttpHealthCheck.newBuilder()
                .setHost(host)
                .setPath(plan.path())
                // Envoy's ranges are half-open; users write inclusive ones.
                .addExpectedStatuses(
                    Int64Range.newBuilder()
                        .setStart(plan.firstStatus())
                        .setEnd(plan.lastStatus() + 1L)))
        .build();
  }
}
