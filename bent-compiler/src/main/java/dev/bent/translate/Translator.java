package dev.bent.translate;

import dev.bent.ir.ClusterPlan;
import dev.bent.ir.MeshPlan;
import dev.bent.ir.NodePlan;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.TrafficDirection;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import java.util.ArrayList;
import java.util.List;

/**
 * The translate step: from the resolved plan to Envoy protos. The shared egress side is
 * translated once per mesh ({@link #shared}), the rest once per node ({@link #node}).
 */
public final class Translator {
  public static final String EGRESS = "egress";
  public static final String INGRESS = "ingress";

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
    ConfigSources sources = new ConfigSources(envoyDir);
    String accessLogPath = plan.settings().accessLog().path();
    List<Listener> listeners =
        List.of(
            ListenerTranslator.rdsListener(
                EGRESS,
                plan.settings().ports().egress(),
                TrafficDirection.OUTBOUND,
                sources,
                AccessLogTranslator.translate(accessLogPath, EGRESS, node.name())),
            ListenerTranslator.rdsListener(
                INGRESS,
                plan.settings().ports().ingress(),
                TrafficDirection.INBOUND,
                sources,
                AccessLogTranslator.translate(accessLogPath, INGRESS, node.name())));
    List<Cluster> local = new ArrayList<>();
    node.localClusters()
        .forEach(c -> local.add(ClusterTranslator.translate(c, c.name().substring("local_".length()))));
    return new NodeResources(
        node.name(),
        BootstrapTranslator.translate(node.name(), plan.settings(), sources),
        listeners,
        local,
        RouteTranslator.translate(INGRESS, node.ingressHosts()));
  }
}
