package dev.bent.translate;

import dev.bent.ir.ClusterPlan;
import dev.bent.ir.EndpointPlan;
import dev.bent.model.MeshSettings;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import java.util.List;

/**
 * Translates one node's bootstrap: identity, admin on loopback, the static Prometheus listener and
 * cluster, and the LDS/CDS files.
 *
 * <p>Reasoning: what must survive a bad dynamic file (the metrics endpoint) is static; everything
 * that changes with the mesh is dynamic and reloads without a restart.
 */
public final class BootstrapTranslator {
  public static final String PROMETHEUS_CLUSTER = "prometheus_stats";
  static final String PROMETHEUS_PATH = "/stats/prometheus";

  private BootstrapTranslator() {}

  public static Bootstrap translate(String node, MeshSettings settings, ConfigSources sources) {
    MeshSettings.Ports ports = settings.ports();
    Bootstrap.Builder bootstrap = Bootstrap.newBuilder()
        .setNode(Node.newBuilder().setId(node).setCluster(node))
        .setAdmin(Admin.newBuilder().setAddress(Protos.address("127.0.0.1", ports.admin())))
        .setStaticResources(
            Bootstrap.StaticResources.newBuilder()
                .addListeners(
                    ListenerTranslator.staticListener(
                        "prometheus", ports.prometheus(), prometheusRoutes()))
                .addClusters(
                    ClusterTranslator.translate(
                        ClusterPlan.of(PROMETHEUS_CLUSTER, List.of(EndpointPlan.of("127.0.0.1", ports.admin()))),
                        PROMETHEUS_CLUSTER)))
        .setDynamicResources(
            Bootstrap.DynamicResources.newBuilder()
                .setLdsConfig(sources.file(NodeResources.LDS))
                .setCdsConfig(sources.file(NodeResources.CDS)));
    settings.tracing().ifPresent(
        t -> bootstrap.getStaticResourcesBuilder().addClusters(TracingTranslator.collector(t)));
    return bootstrap.build();
  }

  /** Only the metrics path reaches admin; never "/" (admin also serves /quitquitquit). */
  private static RouteConfiguration prometheusRoutes() {
    return RouteConfiguration.newBuilder()
        .setName("prometheus")
        .addVirtualHosts(
            VirtualHost.newBuilder()
                .setName("prometheus")
                .addDomains("*")
                .addRoutes(
                    Route.newBuilder()
                        .setMatch(RouteMatch.newBuilder().setPath(PROMETHEUS_PATH))
                        .setRoute(RouteAction.newBuilder().setCluster(PROMETHEUS_CLUSTER))))
        .build();
  }
}
