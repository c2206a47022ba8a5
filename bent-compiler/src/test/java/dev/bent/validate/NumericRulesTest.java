package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.FloatValue;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.metrics.v3.DogStatsdSink;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.load_balancing_policies.client_side_weighted_round_robin.v3.ClientSideWeightedRoundRobin;
import io.envoyproxy.envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig;
import io.envoyproxy.envoy.extensions.retry.priority.previous_priorities.v3.PreviousPrioritiesConfig;
import io.envoyproxy.envoy.type.v3.Percent;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumericRulesTest {

    static Address address(String host, int port) {
        return Address.newBuilder().setSocketAddress(
                SocketAddress.newBuilder().setAddress(host).setPortValue(port)).build();
    }

    static LbEndpoint endpoint(String host, int weight) {
        return LbEndpoint.newBuilder()
                .setEndpoint(Endpoint.newBuilder().setAddress(address(host, 8080)))
                .setLoadBalancingWeight(UInt32Value.of(weight)).build();
    }

    @Test
    void zeroEndpointWeightViolatesUint32Gte() {
        ClusterLoadAssignment assignment = ClusterLoadAssignment.newBuilder().setClusterName("backend")
                .addEndpoints(LocalityLbEndpoints.newBuilder()
                        .addLbEndpoints(endpoint("10.0.0.1", 1))
                        .addLbEndpoints(endpoint("10.0.0.2", 0)))
                .build();
        RuleViolation violation = onlyError(assignment,
                "endpoints[0].lb_endpoints[1].load_balancing_weight", "uint32.gte");
        assertEquals("must be at least 1, got 0", violation.message());
    }

    @Test
    void unsetWeightWrapperIsNotChecked() {
        clean(LbEndpoint.newBuilder().setEndpoint(Endpoint.newBuilder().setAddress(address("10.0.0.1", 80)))
                .build());
    }

    @Test
    void portAbove65535ViolatesUint32Lte() {
        onlyError(address("10.0.0.1", 70000), "socket_address.port_value", "uint32.lte");
    }

    @Test
    void abortStatusOf600ViolatesTheUpperBoundOfTheRange() {
        RuleViolation violation = onlyError(FaultAbort.newBuilder().setHttpStatus(600).build(),
                "http_status", "uint32.lt");
        assertEquals("must be inside range [200, 600), got 600", violation.message());
    }

    @Test
    void abortStatusOf199ViolatesTheLowerBoundOfTheRange() {
        onlyError(FaultAbort.newBuilder().setHttpStatus(199).build(), "http_status", "uint32.gte");
    }

    @Test
    void percentAbove100ViolatesDoubleLte() {
        onlyError(Percent.newBuilder().setValue(150.5).build(), "value", "double.lte");
    }

    @Test
    void unsetInt32ScalarIsStillCheckedLikePgvDoes() {
        onlyError(PreviousPrioritiesConfig.getDefaultInstance(), "update_frequency", "int32.gt");
    }

    @Test
    void negativeConnectionLimitViolatesInt64Gt() {
        onlyError(DownstreamConnectionsConfig.newBuilder().setMaxActiveDownstreamConnections(-1).build(),
                "max_active_downstream_connections", "int64.gt");
    }

    @Test
    void negativeFloatWrapperViolatesFloatGte() {
        onlyError(ClientSideWeightedRoundRobin.newBuilder()
                        .setErrorUtilizationPenalty(FloatValue.of(-0.5f)).build(),
                "error_utilization_penalty", "float.gte");
    }

    @Test
    void zeroDatagramSizeViolatesUint64Gt() {
        onlyError(DogStatsdSink.newBuilder().setAddress(address("127.0.0.1", 8125))
                        .setMaxBytesPerDatagram(UInt64Value.of(0)).build(),
                "max_bytes_per_datagram", "uint64.gt");
    }

    @Test
    void unsignedValuesAreComparedUnsigned() {
        FieldRules rules = FieldRules.newBuilder().setUint32(Validate.UInt32Rules.newBuilder().setLt(10)).build();
        var type = SyntheticProtos.scalar(Type.TYPE_UINT32, rules);
        onlyError(SyntheticProtos.with(type, 0xFFFF_FFFF), "value", "uint32.lt");
        FieldRules rules64 = FieldRules.newBuilder()
                .setFixed64(Validate.Fixed64Rules.newBuilder().setGt(5)).build();
        clean(SyntheticProtos.with(SyntheticProtos.scalar(Type.TYPE_FIXED64, rules64), -1L));
    }

    @Test
    void everyRemainingIntegerKindIsChecked() {
        List<Object[]> cases = List.of(
                new Object[] {Type.TYPE_SINT32, FieldRules.newBuilder()
                        .setSint32(Validate.SInt32Rules.newBuilder().setGte(-3)).build(), -4, "sint32.gte"},
                new Object[] {Type.TYPE_SINT64, FieldRules.newBuilder()
                        .setSint64(Validate.SInt64Rules.newBuilder().setLte(-3)).build(), 2L, "sint64.lte"},
                new Object[] {Type.TYPE_FIXED32, FieldRules.newBuilder()
                        .setFixed32(Validate.Fixed32Rules.newBuilder().setConst(7)).build(), 8, "fixed32.const"},
                new Object[] {Type.TYPE_SFIXED32, FieldRules.newBuilder()
                        .setSfixed32(Validate.SFixed32Rules.newBuilder().addIn(1).addIn(2)).build(), 3,
                    "sfixed32.in"},
                new Object[] {Type.TYPE_SFIXED64, FieldRules.newBuilder()
                        .setSfixed64(Validate.SFixed64Rules.newBuilder().addNotIn(9L)).build(), 9L,
                    "sfixed64.not_in"},
                new Object[] {Type.TYPE_INT64, FieldRules.newBuilder()
                        .setInt64(Validate.Int64Rules.newBuilder().setLt(0)).build(), 0L, "int64.lt"},
                new Object[] {Type.TYPE_UINT64, FieldRules.newBuilder()
                        .setUint64(Validate.UInt64Rules.newBuilder().setConst(1)).build(), 2L, "uint64.const"});
        for (Object[] c : cases) {
            var type = SyntheticProtos.scalar((Type) c[0], (FieldRules) c[1]);
            onlyError(SyntheticProtos.with(type, c[2]), "value", (String) c[3]);
        }
    }

    @Test
    void lowerBoundAboveUpperBoundMakesAnExclusiveRange() {
        // lt 10, gt 20: every value outside [10, 20] is valid.
        FieldRules rules = FieldRules.newBuilder()
                .setInt32(Validate.Int32Rules.newBuilder().setLt(10).setGt(20)).build();
        var type = SyntheticProtos.scalar(Type.TYPE_INT32, rules);
        clean(SyntheticProtos.with(type, 5));
        clean(SyntheticProtos.with(type, 25));
        RuleViolation violation = onlyError(SyntheticProtos.with(type, 15), "value", "int32.exclusive_range");
        assertEquals("must be outside range [10, 20], got 15", violation.message());
    }

    @Test
    void ignoreEmptySkipsTheZeroValue() {
        FieldRules rules = FieldRules.newBuilder()
                .setUint32(Validate.UInt32Rules.newBuilder().setGte(100).setIgnoreEmpty(true)).build();
        var type = SyntheticProtos.scalar(Type.TYPE_UINT32, rules);
        clean(SyntheticProtos.empty(type));
        onlyError(SyntheticProtos.with(type, 5), "value", "uint32.gte");
    }

    @Test
    void doubleInAndNotInCompareValues() {
        FieldRules in = FieldRules.newBuilder()
                .setDouble(Validate.DoubleRules.newBuilder().addIn(0.5).addIn(1.5)).build();
        onlyError(SyntheticProtos.with(SyntheticProtos.scalar(Type.TYPE_DOUBLE, in), 1.0), "value", "double.in");
        FieldRules wrapped = FieldRules.newBuilder()
                .setDouble(Validate.DoubleRules.newBuilder().addNotIn(2.0)).build();
        var type = SyntheticProtos.message("google.protobuf.DoubleValue", wrapped);
        onlyError(SyntheticProtos.with(type, DoubleValue.of(2.0)), "value", "double.not_in");
    }
}
