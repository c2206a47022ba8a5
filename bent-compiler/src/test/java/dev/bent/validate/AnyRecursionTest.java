package dev.bent.validate;

import static dev.bent.validate.Expect.clean;
import static dev.bent.validate.Expect.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.envoyproxy.envoy.config.core.v3.TypedExtensionConfig;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AnyRecursionTest {

    @Test
    void realisticListenerIsClean() {
        clean(Configs.listener());
    }

    @Test
    void realisticClusterIsClean() {
        clean(Configs.cluster("backend", 1, 5));
    }

    @Test
    void realisticBootstrapIsClean() {
        clean(Configs.bootstrap());
    }

    @Test
    void faultAbortStatusInsideNestedTypedConfigIsFound() {
        Listener listener = Configs.listener(Configs.hcm(Configs.fault(700)));
        RuleViolation violation = onlyError(listener,
                "filter_chains[0].filters[0].typed_config.http_filters[0].typed_config.abort.http_status",
                "uint32.lt");
        assertEquals("must be inside range [200, 600), got 700", violation.message());
    }

    @Test
    void violationInsideADiscoveryResponseResourceHasTheFullPath() {
        DiscoveryResponse cds = DiscoveryResponse.newBuilder().setVersionInfo("1")
                .addResources(Any.pack(Configs.cluster("a", 1)))
                .addResources(Any.pack(Configs.cluster("b", 1, 2)))
                .addResources(Any.pack(Configs.cluster("c", 1, 0)))
                .build();
        onlyError(cds, "resources[2].load_assignment.endpoints[0].lb_endpoints[1].load_balancing_weight",
                "uint32.gte");
    }

    @Test
    void anyOfUnknownTypeIsReported() {
        TypedExtensionConfig config = TypedExtensionConfig.newBuilder().setName("x")
                .setTypedConfig(Any.newBuilder()
                        .setTypeUrl("type.googleapis.com/envoy.extensions.filters.http.nope.v3.Nope")).build();
        RuleViolation violation = onlyError(config, "typed_config", "any.unknown_type");
        assertTrue(violation.message().contains("envoy.extensions.filters.http.nope.v3.Nope"));
    }

    @Test
    void anyWithoutTypeUrlIsReported() {
        TypedExtensionConfig config = TypedExtensionConfig.newBuilder().setName("x")
                .setTypedConfig(Any.newBuilder().setValue(ByteString.copyFromUtf8("\n\u0001x"))).build();
        onlyError(config, "typed_config", "any.type_url_missing");
    }

    @Test
    void anyWhoseBytesDoNotParseIsReported() {
        TypedExtensionConfig config = TypedExtensionConfig.newBuilder().setName("x")
                .setTypedConfig(Any.newBuilder().setTypeUrl(EnvoyTypes.typeUrl(Router.getDescriptor()))
                        .setValue(ByteString.copyFrom(new byte[] {(byte) 0x0a, (byte) 0xff}))).build();
        onlyError(config, "typed_config", "any.invalid_value");
    }

    @Test
    void anyHoldingFieldsUnknownToItsTypeIsReported() {
        // Field 99 does not exist in Router.
        TypedExtensionConfig config = TypedExtensionConfig.newBuilder().setName("x")
                .setTypedConfig(Any.newBuilder().setTypeUrl(EnvoyTypes.typeUrl(Router.getDescriptor()))
                        .setValue(ByteString.copyFrom(new byte[] {(byte) 0x98, 0x06, 0x01}))).build();
        onlyError(config, "typed_config", "message.unknown_fields");
    }

    @Test
    void checkerIsSafeToShareBetweenThreads() throws Exception {
        Listener bad = Configs.listener(Configs.hcm(Configs.fault(100)));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<RuleViolation>>> results = pool.invokeAll(java.util.Collections.nCopies(16,
                    () -> Expect.CHECKER.check(bad)));
            for (Future<List<RuleViolation>> result : results) {
                assertEquals(List.of("uint32.gte"), result.get().stream().map(RuleViolation::rule).toList());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
