package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks what Envoy verifies across the files of one node, beyond the rules of each field: that
 * every file the bootstrap and listeners name exists and holds what Envoy expects, that names and
 * addresses are unique, that routes name existing clusters, that the filter chains are whole, that
 * tracers' collectors are static clusters, that basic_auth users are {SHA} entries and that the
 * admin interface is reachable only for /stats/prometheus. See ENVOY-FACTS.md; each check names
 * the fact it enforces.
 *
 * <p>{@link #checkFile} runs the checks that need no other file on one filesystem-xDS file alone.
 */
public final class NodeConfigChecker {
  /**
   * Filesystem subscriptions one node may use. Each costs an inotify instance and hosts commonly
   * allow 128 per user, shared by every Envoy on the host; bent's own layout uses four.
   */
  public static final int MAX_SUBSCRIPTIONS = 16;

  static final String HCM_TYPE =
      "type.googleapis.com/" + HttpConnectionManager.getDescriptor().getFullName();

  private static final Set<String> EXTENSIONS = union(BasicAuthCheck.TYPES, TracerClusterCheck.TYPES);

  /** The node being checked; null when checking one file alone. */
  private final NodeConfig config;
  private final CheckMemo memo;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Map<String, String> clusters = new LinkedHashMap<>();
  private final Set<String> staticClusters = new TreeSet<>();
  private final Set<String> adminClusters = new HashSet<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Map<String, String> listenerNames = new LinkedHashMap<>();
  private final Set<String> checkedRouteFiles = new HashSet<>();
  private boolean clustersKnown = true;
  private final SubscriptionCheck subscriptions;

  private NodeConfigChecker(NodeConfig config, CheckMemo memo) {
    this.config = config;
    this.memo = memo;
    this.subscriptions = new SubscriptionCheck(config, problems);
  }

  /** Every problem found; empty when Envoy would accept the node as a whole. */
  public static List<Diagnostic> check(NodeConfig config) {
    return check(config, new CheckMemo());
  }

  /**
   * Like {@link #check(NodeConfig)}, walking each resource that earlier nodes checked with the same
   * {@code memo} shared (the same object) only once.
   */
  public static List<Diagnostic> check(NodeConfig config, CheckMemo memo) {
    NodeConfigChecker checker = new NodeConfigChecker(config, memo);
    checker.run();
    return List.copyOf(checker.problems);
  }

  /**
   * The problems of one filesystem-xDS file checked alone: one resource type per file, unique
   * names and addresses, whole filter chains, STATIC endpoints, unique domains and basic_auth
   * users. What needs the rest of the node (files that exist, clusters that routes name, tracer
   * and admin clusters) is not checked.
   */
  public static List<Diagnostic> checkFile(String file, List<Message> resources) {
    NodeConfigChecker checker = new NodeConfigChecker(null, new CheckMemo());
    checker.runFile(file, resources);
    return List.copyOf(checker.problems);
  }

  private void run() {
    String boot = config.bootstrapName();
    Bootstrap bootstrap = config.bootstrap();
    if (bootstrap.getNode().getId().isEmpty() || bootstrap.getNode().getCluster().isEmpty()) {
      error(boot, "node: node.id and node.cluster must be set for any subscription");
    }
    SocketAddress admin = bootstrap.getAdmin().getAddress().getSocketAddress();
    if (bootstrap.hasAdmin() && !isLoopback(admin.getAddress())) {
      error(boot, "admin.address: admin must listen on loopback, not " + admin.getAddress());
    }
    List<Cluster> statics = bootstrap.getStaticResources().getClustersList();
    for (int i = 0; i < statics.size(); i++) {
      staticClusters.add(statics.get(i).getName());
      cluster(boot, "static_resources.clusters[" + i + "]", statics.get(i));
    }
    var dynamic = bootstrap.getDynamicResources();
    if (dynamic.hasCdsConfig()) {
      List<Message> cds = subscriptions.resources(boot, "dynamic_resources.cds_config", dynamic.getCdsConfig());
      // Without the CDS file the cluster names are unknown; routes to them are not checked.
      clustersKnown = cds != null;
      resources(SubscriptionCheck.path(dynamic.getCdsConfig()), cds, Cluster.class, "a CDS file holds clusters");
    }
    List<Listener> listeners = bootstrap.getStaticResources().getListenersList();
    for (int i = 0; i < listeners.size(); i++) {
      listener(boot, "static_resources.listeners[" + i + "]", listeners.get(i));
    }
    extensions(boot, "", bootstrap);
    if (dynamic.hasLdsConfig()) {
      List<Message> lds = subscriptions.resources(boot, "dynamic_resources.lds_config", dynamic.getLdsConfig());
      resources(SubscriptionCheck.path(dynamic.getLdsConfig()), lds, Listener.class, "an LDS file holds listeners");
    }
    if (subscriptions.count() > MAX_SUBSCRIPTIONS) {
      error(boot, subscriptions.count() + " filesystem subscriptions; at most " + MAX_SUBSCRIPTIONS
          + " per node (each costs an inotify instance)");
    }
  }

  private void runFile(String file, List<Message> resources) {
    Set<String> types = new TreeSet<>();
    resources.forEach(r -> types.add(r.getDescriptorForType().getFullName()));
    if (types.size() > 1) {
      error(file, "resources: a filesystem-xDS file holds one resource type, found " + types);
    }
    for (int i = 0; i < resources.size(); i++) {
      String at = "resources[" + i + "]";
      Message resource = resources.get(i);
      if (resource instanceof Cluster c) {
        cluster(file, at, c);
      } else if (resource instanceof Listener l) {
        listener(file, at, l);
      } else if (resource instanceof RouteConfiguration routes) {
        routes(file, at, routes);
      }
      extensions(file, at, resource);
    }
  }

  /** Checks the clusters or listeners of a CDS or LDS file; null when the file is unavailable. */
  private void resources(String file, List<Message> resources, Class<? extends Message> type, String holds) {
    if (resources == null) {
      return;
    }
    for (int i = 0; i < resources.size(); i++) {
      String at = "resources[" + i + "]";
      Message resource = resources.get(i);
      if (!type.isInstance(resource)) {
        error(file, at + ": " + holds + ", not " + resource.getDescriptorForType().getFullName());
      } else if (resource instanceof Cluster c) {
        cluster(file, at, c);
      } else if (resource instanceof Listener l) {
        listener(file, at, l);
        extensions(file, at, l);
      }
    }
  }

  private void cluster(String file, String field, Cluster cluster) {
    String earlier = clusters.putIfAbsent(cluster.getName(), file + " " + field);
    if (earlier != null) {
      error(file, field + ".name: cluster \"" + cluster.getName() + "\" is defined twice (also at " + earlier + ")");
    }
    if (config != null && config.bootstrap().hasAdmin()
        && memo.reachesAdmin(cluster, config.bootstrap().getAdmin().getAddress().getSocketAddress())) {
      adminClusters.add(cluster.getName());
    }
    memo.cluster(file, field, cluster, problems);
  }

  private void listener(String file, String field, Listener listener) {
    String earlierName = listenerNames.putIfAbsent(listener.getName(), file + " " + field);
    if (earlierName != null) {
      error(file, field + ".name: listener \"" + listener.getName() + "\" is defined twice (also at " + earlierName + ")");
    }
    if (listener.getAddress().hasSocketAddress()) {
      SocketAddress socket = listener.getAddress().getSocketAddress();
      String hostPort = socket.getAddress() + ":" + socket.getPortValue();
      String earlier = addresses.putIfAbsent(hostPort, listener.getName());
      if (earlier != null) {
        error(file, field + ".address: " + hostPort + " is taken by listener \"" + earlier + "\" too");
      }
    }
    List<FilterChain> chains = listener.getFilterChainsList();
    for (int c = 0; c < chains.size(); c++) {
      filterChain(file, field + ".filter_chains[" + c + "]", chains.get(c));
    }
    if (listener.hasDefaultFilterChain()) {
      filterChain(file, field + ".default_filter_chain", listener.getDefaultFilterChain());
    }
  }

  private void filterChain(String file, String field, FilterChain chain) {
    List<Filter> filters = chain.getFiltersList();
    for (int f = 0; f < filters.size(); f++) {
      String at = field + ".filters[" + f + "]";
      Any typed = filters.get(f).getTypedConfig();
      if (typed.getTypeUrl().isEmpty() && !filters.get(f).hasConfigDiscovery()) {
        error(file, at + ".typed_config: required (filters are chosen by their @type)");
      } else if (typed.getTypeUrl().equals(HCM_TYPE)) {
        connectionManager(file, at + ".typed_config", unpack(typed));
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
      List<Message> rds = subscriptions.resources(file, field + ".rds.config_source", hcm.getRds().getConfigSource());
      String rdsFile = SubscriptionCheck.path(hcm.getRds().getConfigSource());
      if (rds == null) {
        return;
      }
      if (rds.size() != 1) {
        error(rdsFile, "resources: an RDS file must hold exactly one route configuration, found " + rds.size()
            + " (Envoy: \"Unexpected RDS resource length\")");
      } else if (!(rds.get(0) instanceof RouteConfiguration routes) || !routes.getName().equals(name)) {
        error(rdsFile, "resources[0]: must be the route configuration \"" + name + "\" that " + file + " " + field + " names");
      } else if (checkedRouteFiles.add(rdsFile)) {
        routes(rdsFile, "resources[0]", routes);
        extensions(rdsFile, "resources[0]", routes);
      }
    } else if (hcm.hasRouteConfig()) {
      routes(file, field + ".route_config", hcm.getRouteConfig());
    }
  }

  private void routes(String file, String field, RouteConfiguration routes) {
    Set<String> known = config != null && clustersKnown ? clusters.keySet() : null;
    CheckMemo.RouteFacts facts = memo.routes(routes);
    if (!facts.domainsUnique() || (known != null && !known.containsAll(facts.clusters()))
        || !Collections.disjoint(facts.clusters(), adminClusters)) {
      new RouteConfigCheck(problems, known).check(file, field, routes);
      new AdminRouteCheck(problems, adminClusters).check(file, field, routes);
    }
  }

  /** Checks the extensions configured anywhere inside {@code message}: tracers and basic_auth. */
  private void extensions(String file, String field, Message message) {
    BasicAuthCheck basicAuth = new BasicAuthCheck(problems);
    TracerClusterCheck tracers = new TracerClusterCheck(problems, staticClusters, clusters);
    for (TypedConfigFinder.Found inside : memo.extensions(message, EXTENSIONS)) {
      var found = new TypedConfigFinder.Found(Findings.field(field, inside.path()), inside.config());
      basicAuth.check(file, found);
      if (config != null) {
        tracers.check(file, found);
      }
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

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
