package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;

import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.bandwidth_limit.v3.BandwidthLimit;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.type.v3.Percent;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import org.junit.jupiter.api.Test;

class TimeAndAnyRulesTest {

    private static final String DURATION = "google.protobuf.Duration";
    private static final String TIMESTAMP = "google.protobuf.Timestamp";

    @Test
    void zeroFixedDelayViolatesDurationGt() {
        onlyError(FaultDelay.newBuilder().setFixedDelay(Durations.fromMillis(0)).build(),
                "fixed_delay", "duration.gt");
        clean(FaultDelay.newBuilder().setFixedDelay(Durations.fromMillis(5)).build());
    }

    @Test
    void fillIntervalOutsideRangeViolatesTheCrossedBound() {
        BandwidthLimit.Builder limit = BandwidthLimit.newBuilder().setStatPrefix("bw");
        onlyError(limit.setFillInterval(Durations.fromMillis(10)).build(), "fill_interval", "duration.gte");
        onlyError(limit.setFillInterval(Durations.fromSeconds(2)).build(), "fill_interval", "duration.lte");
        clean(limit.setFillInterval(Durations.fromMillis(50)).build());
    }

    @Test
    void remainingDurationRulesAreChecked() {
        Duration one = Durations.fromSeconds(1);
        Duration two = Durations.fromSeconds(2);
        var constType = SyntheticProtos.message(DURATION, durationRules(Validate.DurationRules.newBuilder().setConst(one)));
        onlyError(SyntheticProtos.with(constType, two), "value", "duration.const");
        var ltType = SyntheticProtos.message(DURATION, durationRules(Validate.DurationRules.newBuilder().setLt(one)));
        onlyError(SyntheticProtos.with(ltType, one), "value", "duration.lt");
        var inType = SyntheticProtos.message(DURATION, durationRules(Validate.DurationRules.newBuilder().addIn(one)));
        onlyError(SyntheticProtos.with(inType, two), "value", "duration.in");
        var notInType = SyntheticProtos.message(DURATION,
                durationRules(Validate.DurationRules.newBuilder().addNotIn(two)));
        onlyError(SyntheticProtos.with(notInType, two), "value", "duration.not_in");
        clean(SyntheticProtos.with(notInType, one));
    }

    @Test
    void malformedDurationViolatesValidity() {
        var type = SyntheticProtos.message(DURATION, durationRules(Validate.DurationRules.newBuilder()
                .setGt(Duration.getDefaultInstance())));
        onlyError(SyntheticProtos.with(type, Duration.newBuilder().setSeconds(1).setNanos(-5).build()),
                "value", "duration.valid");
    }

    @Test
    void timestampRulesAreChecked() {
        Timestamp early = Timestamp.newBuilder().setSeconds(1_000).build();
        Timestamp late = Timestamp.newBuilder().setSeconds(2_000).build();
        var required = SyntheticProtos.message(TIMESTAMP, timestampRules(Validate.TimestampRules.newBuilder()
                .setRequired(true)));
        onlyError(SyntheticProtos.empty(required), "value", "timestamp.required");
        var gt = SyntheticProtos.message(TIMESTAMP, timestampRules(Validate.TimestampRules.newBuilder().setGt(early)));
        onlyError(SyntheticProtos.with(gt, early), "value", "timestamp.gt");
        clean(SyntheticProtos.with(gt, late));
        var lte = SyntheticProtos.message(TIMESTAMP, timestampRules(Validate.TimestampRules.newBuilder().setLte(early)));
        onlyError(SyntheticProtos.with(lte, late), "value", "timestamp.lte");
        var exact = SyntheticProtos.message(TIMESTAMP, timestampRules(Validate.TimestampRules.newBuilder()
                .setConst(early)));
        onlyError(SyntheticProtos.with(exact, late), "value", "timestamp.const");
    }

    @Test
    void extensionWithoutTypedConfigViolatesAnyRequired() {
        onlyError(TypedExtensionConfig.newBuilder().setName("envoy.filters.http.router").build(),
                "typed_config", "any.required");
    }

    @Test
    void anyInAndNotInCompareTypeUrls() {
        String router = "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router";
        var in = SyntheticProtos.message("google.protobuf.Any",
                FieldRules.newBuilder().setAny(Validate.AnyRules.newBuilder().addIn(router)).build());
        clean(SyntheticProtos.with(in, Any.pack(Router.getDefaultInstance())));
        onlyError(SyntheticProtos.with(in, Any.pack(Percent.getDefaultInstance())), "value", "any.in");
        var notIn = SyntheticProtos.message("google.protobuf.Any",
                FieldRules.newBuilder().setAny(Validate.AnyRules.newBuilder().addNotIn(router)).build());
        onlyError(SyntheticProtos.with(notIn, Any.pack(Router.getDefaultInstance())), "value", "any.not_in");
    }

    private static FieldRules durationRules(Validate.DurationRules.Builder rules) {
        return FieldRules.newBuilder().setDuration(rules).build();
    }

    private static FieldRules timestampRules(Validate.TimestampRules.Builder rules) {
        return FieldRules.newBuilder().setTimestamp(rules).build();
    }
}
