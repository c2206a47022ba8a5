package dev.bent.translate;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the HTTP listeners of a sidecar: each is one HTTP connection manager whose routes come
 * from an RDS file (egress, ingress, gateway) or are inline (the static Prometheus listener).
 */
public final class ListenerTranslator {
  static final String HCM_NAME = "envoy.filters.network.http_connection_manager";

  private ListenerTranslator() {}

  /** What a listener whose routes are in an RDS file is made of. */
  public record Spec(
      String name, int port, TrafficDirection direction, List<HttpFilter> filtersBeforeRouter,
      boolean absoluteUrls) {
    public Spec {
      filtersBeforeRouter = List.copyOf(filtersBeforeRouter);
    }
  }

  /**
   * The listener on {@code 0.0.0.0:port} whose routes are in the RDS file named after it.
   *
   * <p>Reasoning: the listener does not change when services, endpoints or their policies do
   * (those live in RDS and CDS), so routine changes never drain connections the way a listener
   * update does.
   */
  public static Listener rdsListener(Spec spec, ConfigSources sources, ListenerExtras extras) {
    List<HttpFilter> filters = new ArrayList<>(spec.filtersBeforeRouter());
    filters.add(HttpFilters.router());
    HttpConnectionManager.Builder hcm =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(spec.name())
            .setCodecType(HttpConnectionManager.CodecType.AUTO)
            .setRds(
                Rds.newBuilder()
                    .setRouteConfigName(spec.name())
                    .setConfigSource(sources.file(NodeResources.rdsFile(spec.name()))))
            .addAllHttpFilters(filters)
            // Host may carry any port; virtual hosts list bare service names.
            .setStripAnyHostPort(true);
    if (spec.absoluteUrls()) {
      // HTTP_PROXY-style clients send absolute URLs.
      hcm.setHttpProtocolOptions(Http1ProtocolOptions.newBuilder().setAllowAbsoluteUrl(BoolValue.of(true)));
    }
    String direction = spec.name();
    extras.accessLog(direction).ifPresent(hcm::addAccessLog);
    extras.tracing(direction).ifPresent(hcm::setTracing);
    return listener(spec.name(), spec.port(), hcm.build()).toBuilder().setTrafficDirection(spec.direction()).build();
  }

  /** A listener with its routes inline (for static resources in the bootstrap). */
  public static Listener staticListener(String name, int port, RouteConfiguration routes) {
    HttpConnectionManager hcm =
        HttpConnectionManager.newBuilder()
            .setStatPrefix(name)
            .setCodecType(HttpConnectionManager.CodecType.AUTO)
            .setRouteConfig(routes)
            .addHttpFilters(HttpFilters.router())
            .build();
    return listener(name, port, hcm);
  }

  private static Listener listener(String name, int port, HttpConnectionManager hcm) {
    return Listener.newBuilder()
        .setName(name)
        .setAddress(Protos.address("0.0.0.0", port))
        .addFilterChains(
            FilterChain.newBuilder()
                .addFilters(Filter.newBuilder().setName(HCM_NAME).setTypedConfig(Any.pack(hcm))))
        .build();
  }
}
