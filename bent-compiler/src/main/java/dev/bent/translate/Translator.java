package dev.bent.translate;

import dev.bent.ir.ClusterPlan;
import dev.bent.ir.GatewayPlan;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import dev.bent.model.MeshSettings;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import dev.bent.ir.PemFile;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.ArrayList;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;

/**
 * The translate step: from the resolved plan to Envoy protos. The shared egress side is
 * translated once per mesh ({@link #shared}), the rest once per node ({@link #node}).
 */
public final class Translator {
  public static final String EGRESS = "egress";
  public static final String INGRESS = "ingress";
  public static final String GATEWAY = "gateway";
  static final String LOCAL_PREFIX = "local_";

  private Translator() {}

  public static SharedResources shared(MeshPlan plan) {
    List<Cluster> clusters = new ArrayList<>();
    for (ClusterPlan cluster : plan.egressClusters()) {
      clusters.add(ClusterTranslator.translate(cluster, cluster.name()));
    }
    return new SharedResources(clusters, RouteTranslator.translate(EGRESS, plan.egressHosts()));
  }

  /** {@code envoyDir}: the node directory as Envoy sees it, absolute. */
  public static NodeResources node(MeshPlan plan, NodePlan node, String envoyDir) {
    return node(plan, shared(plan), node, envoyDir);
  }

  /**
   * {@code shared}: the result of {@link #shared} for {@code plan}; with mesh TLS the node's egress
   * clusters are those with the node's TLS context added.
   */
  public static NodeResources node(MeshPlan plan, SharedResources shared, NodePlan node, String envoyDir) {
    ConfigSources sources = new ConfigSources(envoyDir);
    ListenerExtras extras = new ListenerExtras(node.name(), plan.settings());
    List<Listener> listeners = new ArrayList<>();
    List<RouteConfiguration> routes = new ArrayList<>();
    listeners.add(ListenerTranslator.rdsListener(
        new ListenerTranslator.Spec(EGRESS, plan.settings().ports().egress(), TrafficDirection.OUTBOUND, List.of(), true),
        sources, extras));
    Optional<GatewayPlan> gateway = node.gateway();
    Optional<TlsTranslator> tls = plan.tls().map(t -> new TlsTranslator(t, sources));
    if (gateway.isEmpty() || !gateway.get().replacesIngress()) {
      List<HttpFilter> filters = new ArrayList<>();
      boolean rbac = plan.tls().map(t -> !t.allowedCallers().isEmpty()).orElse(false);
      if (rbac) {
        filters.add(RbacTranslator.filter());
      }
      node.healthCaches().forEach(c -> filters.add(HttpFilters.healthCache(c)));
      filters.add(HttpFilters.fault());
      Listener ingress = ListenerTranslator.rdsListener(
          new ListenerTranslator.Spec(INGRESS, plan.settings().ports().ingress(), TrafficDirection.INBOUND, filters, false),
          sources, extras);
      listeners.add(tls.map(t -> t.ingress(ingress)).orElse(ingress));
      RouteConfiguration ingressRoutes = RouteTranslator.translate(INGRESS, node.ingressHosts());
      routes.add(rbac ? RbacTranslator.apply(ingressRoutes, plan.tls().get().allowedCallers()) : ingressRoutes);
    }
    gateway.ifPresent(g -> {
      Listener listener = ListenerTranslator.rdsListener(
          new ListenerTranslator.Spec(GATEWAY, g.port(), TrafficDirection.INBOUND, List.of(HttpFilters.basicAuth(g)), true),
          sources, extras);
      listeners.add(g.tls().isPresent() ? TlsTranslator.gatewayListener(listener, sources) : listener);
      routes.add(RouteTranslator.translate(GATEWAY, plan.egressHosts()));
    });
    List<Cluster> local = new ArrayList<>();
    node.localClusters()
        .forEach(c -> local.add(ClusterTranslator.translate(c, c.name().substring(LOCAL_PREFIX.length()))));
    List<Cluster> egress = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    SortedMap<String, PemFile> pemFiles = new TreeMap<>();
    tls.ifPresent(t -> {
      // An egress cluster is named after the service its sidecars serve.
      shared.egressClusters().forEach(c -> egress.add(t.upstream(c, c.getName())));
      secrets.addAll(t.secrets());
      pemFiles.putAll(t.pemFiles(node.name()));
    });
    gateway.flatMap(GatewayPlan::tls).ifPresent(identity -> {
      secrets.add(TlsTranslator.gatewaySecret(sources));
      pemFiles.putAll(TlsTranslator.gatewayPemFiles(identity));
    });
    Bootstrap bootstrap = BootstrapTranslator.translate(node.name(), plan.settings(), sources);
    if (plan.settings().localClusters() == MeshSettings.LocalClusters.BOOTSTRAP && !local.isEmpty()) {
      Bootstrap.Builder withLocal = bootstrap.toBuilder();
      local.forEach(c -> withLocal.getStaticResourcesBuilder().addClusters(c));
      bootstrap = withLocal.build();
      local.clear();
    }
    return new NodeResources(node.name(), bootstrap, listeners, local, routes, egress, secrets, pemFiles);
  }
}
