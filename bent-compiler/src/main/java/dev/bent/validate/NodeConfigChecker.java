package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what Envoy verifies across the files of one node, beyond the rules of each field: that
 * every file the bootstrap and listeners name exists and holds what Envoy expects, that names and
 * addresses are unique, that routes name existing clusters, and that the filter chains are whole.
 * See ENVOY-FACTS.md; each check names the fact it enforces.
 */
public final class NodeConfigChecker {
  /**
   * Filesystem subscriptions one node may use. Each costs an inotify instance and hosts commonly
   * allow 128 per user, shared by every Envoy on the host; bent's own layout uses four.
   */
  public static final int MAX_SUBSCRIPTIONS = 16;

  static final String HCM_TYPE =
      "type.googleapis.com/" + HttpConnectionManager.getDescriptor().getFullName();

  private final NodeConfig config;
  private final Set<Message> checkedElsewhere;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Map<String, String> clusters = new LinkedHashMap<>();
  private int subscriptions;

  private NodeConfigChecker(NodeConfig config, Set<Message> checkedElsewhere) {
    this.config = config;
    this.checkedElsewhere = checkedElsewhere;
  }

  /** Every problem found; empty when Envoy would accept the node as a whole. */
  public static List<Diagnostic> check(NodeConfig config) {
    return check(config, Set.of());
  }

  /**
   * Like {@link #check(NodeConfig)}, but the clusters in {@code checkedElsewhere} (by identity) only
   * take part in the cross-file checks: their own content was checked once, with {@link
   * #checkClusters}, for every node that shares them.
   */
  public static List<Diagnostic> check(NodeConfig config, Set<Message> checkedElsewhere) {
    NodeConfigChecker checker = new NodeConfigChecker(config, checkedElsewhere);
    checker.run();
    return List.copyOf(checker.problems);
  }

  /** The checks of each cluster on its own (not the cross-file ones), for clusters many nodes share. */
  public static List<Diagnostic> checkClusters(String file, List<Cluster> clusters) {
    NodeConfigChecker checker = new NodeConfigChecker(
        new NodeConfig(file, io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap.getDefaultInstance(), java.util.Map.of()), Set.of());
    for (int i = 0; i < clusters.size(); i++) {
      checker.cluster(file, "resources[" + i + "]", clusters.get(i));
    }
    return List.copyOf(checker.problems);
  }

  private void run() {
    String boot = config.bootstrapName();
    var bootstrap = config.bootstrap();
    if (bootstrap.getNode().getId().isEmpty() || bootstrap.getNode().getCluster().isEmpty()) {
      error(boot, "node: node.id and node.cluster must be set for any subscription");
    }
    var admin = bootstrap.getAdmin().getAddress().getSocketAddress();
    if (bootstrap.hasAdmin() && !isLoopback(admin.getAddress())) {
      error(boot, "admin.address: admin must listen on loopback, not " + admin.getAddress());
    }
    bootstrap.getStaticResources().getClustersList().forEach(c -> cluster(boot, "static_resources.clusters", c));
    List<Message> cds = new ArrayList<>();
    if (bootstrap.getDynamicResources().hasCdsConfig()) {
      cds = subscribed(boot, "dynamic_resources.cds_config", bootstrap.getDynamicResources().getCdsConfig());
      String cdsFile = path(bootstrap.getDynamicResources().getCdsConfig());
      for (int i = 0; i < cds.size(); i++) {
        if (cds.get(i) instanceof Cluster c) {
          cluster(cdsFile, "resources[" + i + "]", c);
        } else {
          error(cdsFile, "resources[" + i + "]: a CDS file holds clusters, not " + cds.get(i).getDescriptorForType().getFullName());
        }
      }
    }
    Map<String, String> addresses = new LinkedHashMap<>();
    Map<String, String> listenerNames = new LinkedHashMap<>();
    List<Listener> statics = bootstrap.getStaticResources().getListenersList();
    for (int i = 0; i < statics.size(); i++) {
      listener(boot, "static_resources.listeners[" + i + "]", statics.get(i), addresses, listenerNames);
    }
    if (bootstrap.getDynamicResources().hasLdsConfig()) {
      List<Message> lds = subscribed(boot, "dynamic_resources.lds_config", bootstrap.getDynamicResources().getLdsConfig());
      String ldsFile = path(bootstrap.getDynamicResources().getLdsConfig());
      for (int i = 0; i < lds.size(); i++) {
        if (lds.get(i) instanceof Listener l) {
          listener(ldsFile, "resources[" + i + "]", l, addresses, listenerNames);
        } else {
          error(ldsFile, "resources[" + i + "]: an LDS file holds listeners, not " + lds.get(i).getDescriptorForType().getFullName());
        }
      }
    }
    if (subscriptions > MAX_SUBSCRIPTIONS) {
      error(boot, subscriptions + " filesystem subscriptions; at most " + MAX_SUBSCRIPTIONS
          + " per node (each costs an inotify instance)");
    }
  }

  /** The resources of the file a config source names, checking the source as Envoy would. */
  private List<Message> subscribed(String file, String field, ConfigSource source) {
    subscriptions++;
    if (!source.hasPathConfigSource()) {
      error(file, field + ": must be a path_config_source (the path field is deprecated)");
      return List.of();
    }
    String path = source.getPathConfigSource().getPath();
    if (!path.startsWith("/")) {
      error(file, field + ".path_config_source.path: must be absolute, got " + path);
    }
    if (!source.getPathConfigSource().hasWatchedDirectory()) {
      error(file, field + ".path_config_source.watched_directory: must be set so that a generation swap reloads the file");
    } else if (!path.startsWith(source.getPathConfigSource().getWatchedDirectory().getPath() + "/")) {
      error(file, field + ".path_config_source: " + path + " is not inside the watched directory");
    }
    List<Message> resources = config.files().get(path);
    if (resources == null) {
      error(file, field + ".path_config_source.path: " + path + " does not exist; Envoy needs it when it subscribes");
      return List.of();
    }
    return resources;
  }

  private static String path(ConfigSource source) {
    return source.getPathConfigSource().getPath();
  }

  private void cluster(String file, String field, Cluster cluster) {
    String earlier = clusters.putIfAbsent(cluster.getName(), file + " " + field);
    if (earlier != null) {
      error(file, field + ".name: cluster \"" + cluster.getName() + "\" is defined twice (also at " + earlier + ")");
    }
    if (cluster.getType() == Cluster.DiscoveryType.STATIC && !checkedElsewhere.contains(cluster)) {
      var endpoints = cluster.getLoadAssignment().getEndpointsList();
      for (int l = 0; l < endpoints.size(); l++) {
        long sum = 0;
        var lbs = endpoints.get(l).getLbEndpointsList();
        for (int e = 0; e < lbs.size(); e++) {
          String host = lbs.get(e).getEndpoint().getAddress().getSocketAddress().getAddress();
          if (!dev.bent.ir.Addresses.isIpLiteral(host)) {
            error(file, field + ".load_assignment.endpoints[" + l + "].lb_endpoints[" + e
                + "]: a STATIC cluster needs an IP address, not \"" + host + "\" (use STRICT_DNS)");
          }
          sum += Integer.toUnsignedLong(lbs.get(e).getLoadBalancingWeight().getValue());
        }
        if (sum > 0xFFFFFFFFL) {
          error(file, field + ".load_assignment.endpoints[" + l + "]: endpoint weights add up to " + sum + ", more than uint32");
        }
      }
    }
  }

  private void listener(String file, String field, Listener listener, Map<String, String> addresses, Map<String, String> names) {
    String earlierName = names.putIfAbsent(listener.getName(), file + " " + field);
    if (earlierName != null) {
      error(file, field + ".name: listener \"" + listener.getName() + "\" is defined twice (also at " + earlierName + ")");
    }
    SocketAddress socket = listener.getAddress().getSocketAddress();
    String hostPort = socket.getAddress() + ":" + socket.getPortValue();
    String earlier = addresses.putIfAbsent(hostPort, listener.getName());
    if (earlier != null) {
      error(file, field + ".address: " + hostPort + " is taken by listener \"" + earlier + "\" too");
    }
    List<FilterChain> chains = listener.getFilterChainsList();
    for (int c = 0; c < chains.size(); c++) {
      List<Filter> filters = chains.get(c).getFiltersList();
      for (int f = 0; f < filters.size(); f++) {
        String at = field + ".filter_chains[" + c + "].filters[" + f + "]";
        Any typed = filters.get(f).getTypedConfig();
        if (typed.getTypeUrl().isEmpty()) {
          error(file, at + ".typed_config: required (filters are chosen by their @type)");
        } else if (typed.getTypeUrl().equals(HCM_TYPE)) {
          connectionManager(file, at + ".typed_config", unpack(typed));
        }
      }
    }
  }

  private void connectionManager(String file, String field, HttpConnectionManager hcm) {
    if (hcm == null) {
      error(file, field + ": cannot be read as an HttpConnectionManager");
      return;
    }
    new HttpFilterChainCheck(problems).check(file, field, hcm.getHttpFiltersList());
    if (hcm.hasRds()) {
      String name = hcm.getRds().getRouteConfigName();
      List<Message> rds = subscribed(file, field + ".rds.config_source", hcm.getRds().getConfigSource());
      String rdsFile = path(hcm.getRds().getConfigSource());
      if (config.files().containsKey(rdsFile)) {
        if (rds.size() != 1) {
          error(rdsFile, "resources: an RDS file must hold exactly one route configuration, found " + rds.size()
              + " (Envoy: \"Unexpected RDS resource length\")");
        } else if (!(rds.get(0) instanceof RouteConfiguration routes) || !routes.getName().equals(name)) {
          error(rdsFile, "resources[0]: must be the route configuration \"" + name + "\" that " + file + " " + field + " names");
        } else {
          new RouteConfigCheck(problems, clusters.keySet()).check(rdsFile, "resources[0]", routes);
        }
      }
    } else if (hcm.hasRouteConfig()) {
      new RouteConfigCheck(problems, clusters.keySet()).check(file, field + ".route_config", hcm.getRouteConfig());
    }
  }

  private static HttpConnectionManager unpack(Any any) {
    try {
      return any.unpack(HttpConnectionManager.class);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  private static boolean isLoopback(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("localhost");
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
