package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envoyproxy.envoy.config.core.v3.ApiConfigSource;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.PathConfigSource;
import io.envoyproxy.envoy.config.route.v3.RateLimit;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import io.envoyproxy.envoy.type.metadata.v3.MetadataKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecationTest {

    private static ZipkinConfig.Builder zipkin() {
        return ZipkinConfig.newBuilder().setCollectorCluster("zipkin").setCollectorEndpoint("/api/v2/spans");
    }

    private static void assertOnlyWarning(List<RuleViolation> violations, String path) {
        assertEquals(1, violations.size(), () -> Expect.describe(violations));
        assertEquals(path, violations.get(0).path());
        assertEquals("deprecated", violations.get(0).rule());
        assertTrue(violations.get(0).warning());
    }

    @Test
    void zipkinLeftAtDefaultEndpointVersionIsDisallowed() {
        RuleViolation violation = onlyError(zipkin().build(), "collector_endpoint_version", "deprecated.disallowed");
        assertTrue(violation.message().contains("DEPRECATED_AND_UNAVAILABLE_DO_NOT_USE"), violation.message());
        assertTrue(violation.message().contains("default"), violation.message());
    }

    @Test
    void zipkinWithHttpJsonIsClean() {
        clean(zipkin().setCollectorEndpointVersion(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON).build());
    }

    @Test
    void apiConfigSourceLeftAtDefaultApiTypeIsDisallowed() {
        ApiConfigSource source = ApiConfigSource.newBuilder().setTransportApiVersion(ApiVersion.V3)
                .addClusterNames("xds").build();
        onlyError(source, "api_type", "deprecated.disallowed");
        clean(source.toBuilder().setApiType(ApiConfigSource.ApiType.GRPC).build());
    }

    @Test
    void deprecatedEnumValueThatIsStillAllowedIsAWarning() {
        ConfigSource source = ConfigSource.newBuilder().setResourceApiVersion(ApiVersion.V2)
                .setPathConfigSource(PathConfigSource.newBuilder().setPath("/etc/envoy/cds.yaml")).build();
        assertOnlyWarning(Expect.CHECKER.check(source), "resource_api_version");
    }

    @Test
    void deprecatedFieldThatIsStillAllowedIsAWarning() {
        Node node = Node.newBuilder().setId("n").setCluster("c")
                .addListeningAddresses(NumericRulesTest.address("0.0.0.0", 80)).build();
        List<RuleViolation> violations = Expect.CHECKER.check(node);
        assertOnlyWarning(violations, "listening_addresses");
        assertTrue(violations.get(0).message().contains("3.0"), violations.get(0).message());
        assertEquals(List.of(), Expect.CHECKER.errors(node));
    }

    @Test
    void disallowedByDefaultFieldIsAnError() {
        RateLimit.Action action = RateLimit.Action.newBuilder().setDynamicMetadata(
                RateLimit.Action.DynamicMetaData.newBuilder().setDescriptorKey("k")
                        .setMetadataKey(MetadataKey.newBuilder().setKey("envoy.lb")
                                .addPath(MetadataKey.PathSegment.newBuilder().setKey("zone")))).build();
        onlyError(action, "dynamic_metadata", "deprecated.disallowed");
    }
}
