package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Struct;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.common.matcher.v3.Matcher;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.RequestMethod;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilterChainMatchPredicate;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.internal_redirect.allow_listed_routes.v3.AllowListedRoutesConfig;
import io.envoyproxy.pgv.validate.Validate;
import io.envoyproxy.pgv.validate.Validate.FieldRules;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

    static HealthCheck.Builder healthCheck() {
        return HealthCheck.newBuilder()
                .setTimeout(Durations.fromSeconds(1)).setInterval(Durations.fromSeconds(5))
                .setUnhealthyThreshold(UInt32Value.of(3)).setHealthyThreshold(UInt32Value.of(2))
                .setHttpHealthCheck(HealthCheck.HttpHealthCheck.newBuilder().setPath("/healthz"));
    }

    @Test
    void completeHealthCheckIsClean() {
        clean(healthCheck().build());
    }

    @Test
    void missingUnhealthyThresholdViolatesMessageRequired() {
        onlyError(healthCheck().clearUnhealthyThreshold().build(), "unhealthy_threshold", "message.required");
    }

    @Test
    void missingTimeoutViolatesDurationRequired() {
        onlyError(healthCheck().clearTimeout().build(), "timeout", "duration.required");
    }

    @Test
    void healthCheckWithoutCheckerViolatesOneofRequired() {
        onlyError(healthCheck().clearHealthChecker().build(), "health_checker", "oneof.required");
    }

    @Test
    void fieldsOfTheOneofCaseThatIsNotSetAreNotChecked() {
        // http_status (range [200, 600)) would fail at 0, but grpc_status is the case that is set.
        clean(FaultAbort.newBuilder().setGrpcStatus(14).build());
    }

    @Test
    void virtualHostWithoutDomainsViolatesRepeatedMinItems() {
        onlyError(VirtualHost.newBuilder().setName("backend").build(), "domains", "repeated.min_items");
    }

    @Test
    void tooManyHealthCheckHeadersViolateRepeatedMaxItems() {
        HealthCheck.HttpHealthCheck.Builder http = HealthCheck.HttpHealthCheck.newBuilder().setPath("/healthz");
        IntStream.range(0, 1001).forEach(i -> http.addRequestHeadersToAdd(HeaderValueOption.newBuilder()
                .setHeader(HeaderValue.newBuilder().setKey("x-h" + i).setValue("v"))));
        onlyError(http.build(), "request_headers_to_add", "repeated.max_items");
    }

    @Test
    void itemRulesApplyToEachElement() {
        onlyError(FilterChainMatch.newBuilder().addSourcePorts(80).addSourcePorts(0).build(),
                "source_ports[1]", "uint32.gte");
        onlyError(AllowListedRoutesConfig.newBuilder().addAllowedRouteNames("a").addAllowedRouteNames("").build(),
                "allowed_route_names[1]", "string.min_len");
    }

    @Test
    void repeatedDuplicatesViolateUnique() {
        var type = SyntheticProtos.repeated(Type.TYPE_STRING, FieldRules.newBuilder()
                .setRepeated(Validate.RepeatedRules.newBuilder().setUnique(true)).build());
        onlyError(SyntheticProtos.with(type, List.of("a", "b", "a")), "value[2]", "repeated.unique");
    }

    @Test
    void emptyMatchMapViolatesMapMinPairs() {
        onlyError(Matcher.MatcherTree.MatchMap.getDefaultInstance(), "map", "map.min_pairs");
    }

    @Test
    void emptyMetadataKeyViolatesMapKeyRule() {
        onlyError(Metadata.newBuilder().putFilterMetadata("", Struct.getDefaultInstance()).build(),
                "filter_metadata[\"\"]", "string.min_len");
    }

    @Test
    void mapValueRulesAndMaxPairsAreChecked() {
        FieldRules rules = FieldRules.newBuilder().setMap(Validate.MapRules.newBuilder().setMaxPairs(1)
                .setValues(FieldRules.newBuilder().setUint32(Validate.UInt32Rules.newBuilder().setLte(10)))).build();
        var type = SyntheticProtos.stringToUint32Map(rules);
        var entryType = type.findFieldByName("value").getMessageType();
        DynamicMessage big = DynamicMessage.newBuilder(entryType)
                .setField(entryType.findFieldByName("key"), "a")
                .setField(entryType.findFieldByName("value"), 11).build();
        DynamicMessage small = DynamicMessage.newBuilder(entryType)
                .setField(entryType.findFieldByName("key"), "b")
                .setField(entryType.findFieldByName("value"), 1).build();
        onlyError(SyntheticProtos.with(type, List.of(big)), "value[\"a\"]", "uint32.lte");
        onlyError(SyntheticProtos.with(type, List.of(small, small.toBuilder()
                .setField(entryType.findFieldByName("key"), "c").build())), "value", "map.max_pairs");
    }

    @Test
    void undefinedEnumNumberViolatesDefinedOnly() {
        onlyError(SocketAddress.newBuilder().setAddress("10.0.0.1").setPortValue(80).setProtocolValue(7).build(),
                "protocol", "enum.defined_only");
    }

    @Test
    void connectHealthCheckMethodViolatesEnumNotIn() {
        onlyError(HealthCheck.HttpHealthCheck.newBuilder().setPath("/h").setMethod(RequestMethod.CONNECT).build(),
                "method", "enum.not_in");
    }

    @Test
    void enumConstAndInAreChecked() {
        String protocol = "envoy.config.core.v3.SocketAddress.Protocol";
        var constType = SyntheticProtos.enumeration(protocol,
                FieldRules.newBuilder().setEnum(Validate.EnumRules.newBuilder().setConst(1)).build());
        var udp = SocketAddress.Protocol.UDP.getValueDescriptor();
        clean(SyntheticProtos.with(constType, udp));
        onlyError(SyntheticProtos.empty(constType), "value", "enum.const");
        var inType = SyntheticProtos.enumeration(protocol,
                FieldRules.newBuilder().setEnum(Validate.EnumRules.newBuilder().addIn(0)).build());
        onlyError(SyntheticProtos.with(inType, udp), "value", "enum.in");
    }

    @Test
    void falseAnyMatchViolatesBoolConst() {
        onlyError(ListenerFilterChainMatchPredicate.newBuilder().setAnyMatch(false).build(),
                "any_match", "bool.const");
    }

    @Test
    void skippedMessageFieldIsNotLookedInto() {
        SocketAddress broken = SocketAddress.newBuilder().setPortValue(70000).build();
        var skipped = SyntheticProtos.message("envoy.config.core.v3.SocketAddress", FieldRules.newBuilder()
                .setMessage(Validate.MessageRules.newBuilder().setSkip(true)).build());
        clean(SyntheticProtos.with(skipped, broken));
        var checked = SyntheticProtos.message("envoy.config.core.v3.SocketAddress",
                FieldRules.getDefaultInstance());
        assertEquals(List.of("value.address", "value.port_value"), Expect.CHECKER.check(
                SyntheticProtos.with(checked, broken)).stream().map(RuleViolation::path).toList());
    }

    @Test
    void disabledMessageIsNotChecked() {
        var type = SyntheticProtos.disabled(FieldRules.newBuilder()
                .setString(Validate.StringRules.newBuilder().setMinLen(1)).build());
        clean(SyntheticProtos.empty(type));
    }
}
