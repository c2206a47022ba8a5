package dev.bent.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig;
import io.envoyproxy.envoy.config.trace.v3.Tracing;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cross-file checks of {@link NodeConfigChecker} on a node shaped like bent's output: a
 * static listener that traces to the static cluster "zipkin" and routes to "backend" from CDS
 * (with validate_clusters false, as a static listener is built before CDS loads).
 */
class NodeConfigCheckerTest {
  static final String BOOT = "/etc/envoy/dynamic/bootstrap.yaml";
  static final String LDS = "/etc/envoy/dynamic/lds.yaml";
  static final String CDS = "/etc/envoy/dynamic/cds.yaml";

  static List<String> check(Bootstrap bootstrap, List<Message> lds, List<Message> cds) {
    return check(bootstrap, lds, cds, Profile.ENVOY);
  }

  static List<String> check(Bootstrap bootstrap, List<Message> lds, List<Message> cds, Profile profile) {
    NodeConfig config = new NodeConfig(BOOT, bootstrap, Map.of(LDS, lds, CDS, cds));
    return NodeConfigChecker.check(config, new CheckMemo(), profile).stream().map(Diagnostic::toString).toList();
  }

  @Test
  void nodeLikeBentsOutputHasNoProblems() {
    assertEquals(List.of(), check(Configs.bootstrap(), List.of(), List.of(Configs.cluster("backend", 1))));
  }

  @Test
  void zipkinCollectorOnlyInCdsIsUnknownToAStaticListener() {
    Bootstrap bootstrap = Configs.bootstrap().toBuilder()
        .setStaticResources(Configs.bootstrap().getStaticResources().toBuilder().clearClusters()).build();
    List<String> problems =
        check(bootstrap, List.of(), List.of(Configs.cluster("zipkin", 1), Configs.cluster("backend", 1)));
    assertEquals(List.of(BOOT + ": error: static_resources.listeners[0].filter_chains[0].filters[0].typed_config"
        + ".tracing.provider.typed_config.collector_cluster: no cluster named \"zipkin\" among the static clusters"
        + " (a static listener is built before CDS loads) (Envoy's Zipkin driver: \"unknown cluster\")"), problems);
  }

  @Test
  void zipkinCollectorFromCdsIsEnvoysChoiceButNotBentsLayout() {
    Listener lds = Configs.listener().toBuilder().setName("traced").setAddress(NumericRulesTest.address("0.0.0.0", 8000))
        .build();
    Bootstrap bootstrap = Configs.bootstrap().toBuilder().setStaticResources(Configs.bootstrap().getStaticResources()
        .toBuilder().clearClusters().clearListeners()).build();
    List<Message> cds = List.of(Configs.cluster("zipkin", 1), Configs.cluster("backend", 1));
    assertEquals(List.of(), check(bootstrap, List.of(lds), cds));
    assertEquals(List.of(LDS + ": error: resources[0].filter_chains[0].filters[0].typed_config.tracing.provider"
        + ".typed_config.collector_cluster: the collector \"zipkin\" must be a static cluster of the bootstrap (a bad"
        + " CDS file must not remove it) [bent layout]"), check(bootstrap, List.of(lds), cds, Profile.BENT));
  }

  @Test
  void missingOpenTelemetryCollectorIsAWarningAndAStaticOneBentsLayout() {
    OpenTelemetryConfig otel = OpenTelemetryConfig.newBuilder().setServiceName("orders")
        .setGrpcService(GrpcService.newBuilder().setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName("otel")))
        .build();
    HttpConnectionManager hcm = Configs.hcm(Configs.fault(503)).toBuilder()
        .setTracing(HttpConnectionManager.Tracing.newBuilder().setProvider(Tracing.Http.newBuilder()
            .setName("envoy.tracers.opentelemetry").setTypedConfig(Any.pack(otel))))
        .build();
    Listener lds = Configs.listener(hcm).toBuilder().setName("traced").setAddress(NumericRulesTest.address("0.0.0.0", 8000)).build();
    String field = LDS + ": %s: resources[0].filter_chains[0].filters[0].typed_config.tracing.provider"
        + ".typed_config.grpc_service.envoy_grpc.cluster_name: ";
    assertEquals(List.of(field.formatted("warning") + "no cluster named \"otel\" among the static and CDS clusters;"
        + " Envoy loads it and drops the spans"), check(Configs.bootstrap(), List.of(lds), List.of(Configs.cluster("backend", 1))));
    assertEquals(List.of(field.formatted("warning") + "no cluster named \"otel\" among the static and CDS clusters;"
        + " Envoy loads it and drops the spans", field.formatted("error") + "the collector \"otel\" must be a static"
        + " cluster of the bootstrap (a bad CDS file must not remove it) [bent layout]"),
        check(Configs.bootstrap(), List.of(lds), List.of(Configs.cluster("backend", 1)), Profile.BENT));
  }

  @Test
  void httpFilterNameUsedTwiceIsAWarningAndALayoutError() {
    HttpConnectionManager hcm = Configs.hcm(Configs.fault(503));
    hcm = hcm.toBuilder().addHttpFilters(0, hcm.getHttpFilters(0)).build();
    Listener lds = Configs.listener(hcm).toBuilder().setName("twice").setAddress(NumericRulesTest.address("0.0.0.0", 8000))
        .build();
    String at = LDS + ": %s: resources[0].filter_chains[0].filters[0].typed_config.http_filters[1].name: filter name"
        + " \"envoy.filters.http.fault\" is used twice in one chain";
    List<Message> cds = List.of(Configs.cluster("backend", 1));
    assertEquals(List.of(at.formatted("warning") + "; Envoy loads it, but per-route config by that name is ambiguous"),
        check(Configs.bootstrap(), List.of(lds), cds));
    assertEquals(List.of(at.formatted("error") + " [bent layout]"), check(Configs.bootstrap(), List.of(lds), cds,
        Profile.BENT));
  }

  @Test
  void oneFileAloneIsCheckedForWhatNeedsNoOtherFile() {
    Cluster web = Configs.cluster("web", 1);
    List<Diagnostic> problems = NodeConfigChecker.checkFile("cds.yaml", List.of(web, web, Configs.listener()));
    assertEquals(List.of(
        "cds.yaml: error: resources: a filesystem-xDS file holds one resource type, found"
            + " [envoy.config.cluster.v3.Cluster, envoy.config.listener.v3.Listener]",
        "cds.yaml: error: resources[1].name: cluster \"web\" is defined twice (also at cds.yaml resources[0])"),
        problems.stream().map(Diagnostic::toString).toList());
  }
}
