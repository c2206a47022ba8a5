package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.UInt32Value;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.pgv.validate.Validate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EnvoyTypesTest {

    @Test
    void typeUrlResolvesToTheGeneratedDescriptor() {
        assertSame(Router.getDescriptor(),
                EnvoyTypes.descriptor("type.googleapis.com/envoy.extensions.filters.http.router.v3.Router").orElseThrow());
    }

    @Test
    void nestedMessagesUseDollarClassNames() {
        assertSame(Cluster.LbSubsetConfig.LbSubsetSelector.getDescriptor(),
                EnvoyTypes.descriptor("envoy.config.cluster.v3.Cluster.LbSubsetConfig.LbSubsetSelector").orElseThrow());
        assertEquals(List.of("io.envoyproxy.envoy.config.cluster.v3.Cluster$LbSubsetConfig"),
                EnvoyTypes.candidateClassNames("envoy.config.cluster.v3.Cluster.LbSubsetConfig"));
    }

    @Test
    void otherProtoPackagesFollowTheirJavaPackages() {
        assertSame(UInt32Value.getDescriptor(), EnvoyTypes.descriptor("google.protobuf.UInt32Value").orElseThrow());
        assertSame(DescriptorProtos.FieldOptions.getDescriptor(),
                EnvoyTypes.descriptor("google.protobuf.FieldOptions").orElseThrow());
        assertSame(Validate.FieldRules.getDescriptor(), EnvoyTypes.descriptor("validate.FieldRules").orElseThrow());
        assertSame(com.github.xds.type.v3.TypedStruct.getDescriptor(),
                EnvoyTypes.descriptor("type.googleapis.com/xds.type.v3.TypedStruct").orElseThrow());
        assertSame(com.github.udpa.udpa.type.v1.TypedStruct.getDescriptor(),
                EnvoyTypes.descriptor("udpa.type.v1.TypedStruct").orElseThrow());
    }

    @Test
    void unknownNamesAreEmpty() {
        for (String name : new String[] {"envoy.extensions.filters.http.nope.v3.Nope", "", "Router",
            "envoy.config.cluster.v3", "type.googleapis.com/", "com.example.Foo", "envoy.config.cluster.v3.Cluster.Nope"}) {
            assertEquals(Optional.empty(), EnvoyTypes.descriptor(name), name);
        }
        assertEquals(Optional.empty(), EnvoyTypes.descriptor(null));
    }

    @Test
    void defaultInstanceIsTheGeneratedClass() {
        assertInstanceOf(Cluster.class, EnvoyTypes.defaultInstance("envoy.config.cluster.v3.Cluster").orElseThrow());
        assertEquals("type.googleapis.com/envoy.config.cluster.v3.Cluster", EnvoyTypes.typeUrl(Cluster.getDescriptor()));
        assertEquals("envoy.config.cluster.v3.Cluster", EnvoyTypes.typeName("example.com/a/envoy.config.cluster.v3.Cluster"));
    }

    @Test
    void concurrentLookupsAgreeOnOneDescriptor() throws Exception {
        String name = "envoy.extensions.filters.http.health_check.v3.HealthCheck";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Descriptors.Descriptor>>> results = pool.invokeAll(
                    java.util.Collections.nCopies(32, () -> EnvoyTypes.descriptor(name)));
            Descriptors.Descriptor first = results.get(0).get().orElseThrow();
            for (Future<Optional<Descriptors.Descriptor>> result : results) {
                assertSame(first, result.get().orElseThrow());
            }
            assertTrue(first.getFullName().equals(name));
        } finally {
            pool.shutdownNow();
        }
    }
}
