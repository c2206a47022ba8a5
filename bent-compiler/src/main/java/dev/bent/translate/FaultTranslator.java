package dev.bent.translate;

import dev.bent.ir.FaultPlan;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.type.v3.FractionalPercent;

/** Translates a {@link FaultPlan} into the fault filter's configuration. */
final class FaultTranslator {
  private FaultTranslator() {}

  static HTTPFault translate(FaultPlan plan) {
    HTTPFault.Builder fault = HTTPFault.newBuilder();
    plan.delay()
        .ifPresent(d -> fault.setDelay(
            FaultDelay.newBuilder().setFixedDelay(Protos.duration(d)).setPercentage(percent(plan.delayPercent()))));
    plan.abortStatus()
        .ifPresent(status -> fault.setAbort(
            FaultAbort.newBuilder().setHttpStatus(status).setPercentage(percent(plan.abortPercent()))));
    return fault.build();
  }

  private static FractionalPercent percent(int value) {
    return FractionalPercent.newBuilder()
        .setNumerator(value)
        .setDenominator(FractionalPercent.DenominatorType.HUNDRED)
        .build();
  }
}
