package dev.bent.validate;

import static dev.bent.validate.NumericRulesTest.address;

import com.google.protobuf.Any;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.util.Durations;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.CircuitBreakers;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ApiVersion;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.PathConfigSource;
import io.envoyproxy.envoy.config.core.v3.WatchedDirectory;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import io.envoyproxy.envoy.extensions.filters.common.fault.v3.FaultDelay;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.FaultAbort;
import io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.v3.FractionalPercent;

/** Realistic Envoy resources of the kind bent emits, for the checker and parser tests. */
final class Configs {

    private Configs() {
    }

    static HTTPFault fault(int abortStatus) {
        return HTTPFault.newBuilder()
                .setDelay(FaultDelay.newBuilder().setFixedDelay(Durations.fromMillis(250))
                        .setPercentage(FractionalPercent.newBuilder().setNumerator(10)))
                .setAbort(FaultAbort.newBuilder().setHttpStatus(abortStatus)
                        .setPercentage(FractionalPercent.newBuilder().setNumerator(5)))
                .build();
    }

    static HttpConnectionManager hcm(HTTPFault fault) {
        RouteConfiguration routes = RouteConfiguration.newBuilder().setName("local_route")
                .addVirtualHosts(VirtualHost.newBuilder().setName("backend").addDomains("*")
                        .addRoutes(Route.newBuilder().setMatch(RouteMatch.newBuilder().setPrefix("/"))
                                .setRoute(RouteAction.newBuilder().setCluster("backend")
                                        .setTimeout(Durations.fromSeconds(15)))))
                .build();
        ZipkinConfig zipkin = ZipkinConfig.newBuilder().setCollectorCluster("zipkin")
                .setCollectorEndpoint("/api/v2/spans")
                .setCollectorEndpointVersion(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON).build();
        return HttpConnectionManager.newBuilder().setStatPrefix("ingress_http").setRouteConfig(routes)
                .setTracing(HttpConnectionManager.Tracing.newBuilder().setProvider(
                        io.envoyproxy.envoy.config.trace.v3.Tracing.Http.newBuilder()
                                .setName("envoy.tracers.zipkin").setTypedConfig(Any.pack(zipkin))))
                .addHttpFilters(HttpFilter.newBuilder().setName("envoy.filters.http.fault")
                        .setTypedConfig(Any.pack(fault)))
                .addHttpFilters(HttpFilter.newBuilder().setName("envoy.filters.http.router")
                        .setTypedConfig(Any.pack(Router.getDefaultInstance())))
                .build();
    }

    static Listener listener(HttpConnectionManager hcm) {
        return Listener.newBuilder().setName("ingress").setAddress(address("0.0.0.0", 10000))
                .addFilterChains(FilterChain.newBuilder().addFilters(Filter.newBuilder()
                        .setName("envoy.filters.network.http_connection_manager").setTypedConfig(Any.pack(hcm))))
                .build();
    }

    static Listener listener() {
        return listener(hcm(fault(503)));
    }

    /**
     * {@link #listener()} as a static listener: Envoy builds it before CDS loads, so its inline
     * routes to CDS clusters need validate_clusters false.
     */
    static Listener staticListener() {
        HttpConnectionManager hcm = hcm(fault(503));
        hcm = hcm.toBuilder().setRouteConfig(hcm.getRouteConfig().toBuilder()
                .setValidateClusters(com.google.protobuf.BoolValue.of(false))).build();
        return listener(hcm);
    }

    static Cluster cluster(String name, int... weights) {
        LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
        for (int i = 0; i < weights.length; i++) {
            locality.addLbEndpoints(NumericRulesTest.endpoint("10.0.0." + (i + 1), weights[i]));
        }
        return Cluster.newBuilder().setName(name).setType(Cluster.DiscoveryType.STATIC)
                .setConnectTimeout(Durations.fromSeconds(1))
                .setLoadAssignment(ClusterLoadAssignment.newBuilder().setClusterName(name).addEndpoints(locality))
                .addHealthChecks(MessageRulesTest.healthCheck())
                .setCircuitBreakers(CircuitBreakers.newBuilder().addThresholds(CircuitBreakers.Thresholds.newBuilder()
                        .setMaxConnections(UInt32Value.of(1024)).setMaxRetries(UInt32Value.of(3))))
                .build();
    }

    static Bootstrap bootstrap() {
        ConfigSource lds = fileSource("/etc/envoy/dynamic/lds.yaml");
        ConfigSource cds = fileSource("/etc/envoy/dynamic/cds.yaml");
        return Bootstrap.newBuilder()
                .setNode(Node.newBuilder().setId("node-1").setCluster("mesh"))
                .setAdmin(Admin.newBuilder().setAddress(address("127.0.0.1", 9901)))
                .setStaticResources(Bootstrap.StaticResources.newBuilder()
                        .addListeners(staticListener()).addClusters(cluster("zipkin", 1)))
                .setDynamicResources(Bootstrap.DynamicResources.newBuilder().setLdsConfig(lds).setCdsConfig(cds))
                .build();
    }

    private static ConfigSource fileSource(String path) {
        return ConfigSource.newBuilder().setResourceApiVersion(ApiVersion.V3)
                .setPathConfigSource(PathConfigSource.newBuilder().setPath(path)
                        .setWatchedDirectory(WatchedDirectory.newBuilder().setPath("/etc/envoy/dynamic")))
                .build();
    }
}
