package dev.bent.translate;

import com.google.protobuf.Any;
import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.model.MeshSettings.Tracing;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.GrpcService;
import io.envoyproxy.envoy.config.core.v3.Http2ProtocolOptions;
import io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig;
import io.envoyproxy.envoy.config.trace.v3.ZipkinConfig;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import io.envoyproxy.envoy.type.tracing.v3.CustomTag;
import io.envoyproxy.envoy.type.v3.Percent;
import java.util.List;

/**
 * Translates {@code mesh.tracing}: the collector cluster of the bootstrap and the tracing section
 * of each HTTP connection manager. Spans carry the node and the direction as tags; their
 * operation name follows the listener's traffic direction.
 */
final class TracingTranslator {
  static final String COLLECTOR_CLUSTER = "tracing_collector";
  static final String HTTP_PROTOCOL_OPTIONS = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

  private TracingTranslator() {}

  /**
   * The collector cluster, static so that it exists when listeners are built (tracers check
   * that). OpenTelemetry speaks gRPC, so its cluster uses HTTP/2.
   */
  static Cluster collector(Tracing tracing) {
    Cluster cluster =
        ClusterTranslator.translate(
            ClusterPlan.of(COLLECTOR_CLUSTER, List.of(EndpointPlan.of(tracing.address(), tracing.port()))),
            COLLECTOR_CLUSTER);
    if (tracing.provider() == Tracing.Provider.OTEL) {
      HttpProtocolOptions h2 =
          HttpProtocolOptions.newBuilder()
              .setExplicitHttpConfig(
                  HttpProtocolOptions.ExplicitHttpConfig.newBuilder()
                      .setHttp2ProtocolOptions(Http2ProtocolOptions.getDefaultInstance()))
              .build();
      cluster = cluster.toBuilder().putTypedExtensionProtocolOptions(HTTP_PROTOCOL_OPTIONS, Any.pack(h2)).build();
    }
    return cluster;
  }

  static HttpConnectionManager.Tracing tracing(Tracing tracing, String node, String direction) {
    HttpConnectionManager.Tracing.Builder builder =
        HttpConnectionManager.Tracing.newBuilder()
            .setRandomSampling(Percent.newBuilder().setValue(tracing.samplingPercent()))
            .addCustomTags(literal("bent.node", node))
            .addCustomTags(literal("bent.direction", direction));
    if (tracing.provider() == Tracing.Provider.ZIPKIN) {
      ZipkinConfig zipkin =
          ZipkinConfig.newBuilder()
              .setCollectorCluster(COLLECTOR_CLUSTER)
              .setCollectorEndpoint(tracing.path())
              .setCollectorEndpointVersion(ZipkinConfig.CollectorEndpointVersion.HTTP_JSON)
              .build();
      builder.setProvider(provider("envoy.tracers.zipkin", Any.pack(zipkin)));
    } else {
      OpenTelemetryConfig otel =
          OpenTelemetryConfig.newBuilder()
              .setGrpcService(
                  GrpcService.newBuilder()
                      .setEnvoyGrpc(GrpcService.EnvoyGrpc.newBuilder().setClusterName(COLLECTOR_CLUSTER)))
              .setServiceName(node)
              .build();
      builder.setProvider(provider("envoy.tracers.opentelemetry", Any.pack(otel)));
    }
    return builder.build();
  }

  private static io.envoyproxy.envoy.config.trace.v3.Tracing.Http provider(String name, Any config) {
    return io.envoyproxy.envoy.config.trace.v3.Tracing.Http.newBuilder().setName(name).setTypedConfig(config).build();
  }

  private static CustomTag literal(String tag, String value) {
    return CustomTag.newBuilder()
        .setTag(tag)
        .setLiteral(CustomTag.Literal.newBuilder().setValue(value))
        .build();
  }
}
