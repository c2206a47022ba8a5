package dev.bent.translate;

import com.google.protobuf.Any;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.config.core.v3.Http1ProtocolOptions;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.Rds;

/**
 * Translates the HTTP listeners of a sidecar: each is one HTTP connection manager whose routes come
 * from an RDS file (egress, ingress) or are inline (the static Prometheus listener).
 */
public final class ListenerTranslator {
  static final String HCM_NAME = "envoy.filters.network.http_connection_manager";
  static final String ROUTER_NAME = "envoy.filters.http.router";

  private ListenerTranslator() {}

  /**
   * The listener on {@code 0.0.0.0:port} whose routes are in the RDS file {@code rds/<name>.yaml}.
   *
   * <p>Reasoning: the listener never changes when services or endpoints do (those live in RDS and
   * CDS), so routine changes never drain connections the way a listener update does.
   */
  public static Listener rdsListener(
      String name, int port, TrafficDirection direction, ConfigSources sources, AccessLog accessLog) {
    HttpConnectionManager hcm =
        connectionManager(name)
            .setRds(
                Rds.newBuilder()
                    .setRouteConfigName(name)
                    .setConfigSource(sources.file(NodeResources.rdsFile(name))))
            // HTTP_PROXY-style clients send absolute URLs; Host may carry any port.
            .setHttpProtocolOptions(Http1ProtocolOptions.newBuilder().setAllowAbsoluteUrl(
                com.google.protobuf.BoolValue.of(true)))
            .setStripAnyHostPort(true)
            .addAccessLog(accessLog)
            .build();
    return listener(name, port, hcm).toBuilder().setTrafficDirection(direction).build();
  }

  /** A listener with its routes inline (for static resources in the bootstrap). */
  public static Listener staticListener(String name, int port, RouteConfiguration routes) {
    return listener(name, port, connectionManager(name).setRouteConfig(routes).build());
  }

  private static HttpConnectionManager.Builder connectionManager(String statPrefix) {
    return HttpConnectionManager.newBuilder()
        .setStatPrefix(statPrefix)
        .setCodecType(HttpConnectionManager.CodecType.AUTO)
        .addHttpFilters(
            HttpFilter.newBuilder()
                .setName(ROUTER_NAME)
                .setTypedConfig(Any.pack(Router.getDefaultInstance())));
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
