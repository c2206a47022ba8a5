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
 * Checks what Envoy verifies across the files of one node, beyond the rules of each field: every
 * file the bootstrap, listeners and TLS contexts name exists and holds what Envoy expects; cluster
 * names, listener names and addresses, filter chain matches and domains are unique; routes and
 * tracers name clusters that exist when Envoy looks; filter chains are whole; codecs fit their
 * listener; basic_auth users are {SHA} entries. Each rule cites where Envoy enforces it. Under
 * {@link Profile#BENT} it also applies bent's {@link LayoutPolicy}.
 *
 * <p>{@link #checkFile} runs the checks that need no other file on one filesystem-xDS file alone.
 */
public final class NodeConfigChecker {
  static final String HCM_TYPE =
      "type.googleapis.com/" + HttpConnectionManager.getDescriptor().getFullName();

  private static final Set<String> EXTENSIONS = union(BasicAuthCheck.TYPES, TracerClusterCheck.TYPES);
  private static final String STATIC_VIEW = "static clusters (a static listener is built before CDS loads)";
  private static final String ALL_VIEW = "static and CDS clusters";

  /** The node being checked; null when checking one file alone. */
  private final NodeConfig config;
  private final CheckMemo memo;
  /** bent's layout policy; null under {@link Profile#ENVOY}. */
  private final LayoutPolicy policy;
  private final List<Diagnostic> problems = new ArrayList<>();
  private final Map<String, String> clusters = new LinkedHashMap<>();
  private final Set<String> staticClusters = new TreeSet<>();
  private final Set<String> adminClusters = new HashSet<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Map<String, String> listenerNames = new LinkedHashMap<>();
  private final Set<String> checkedRouteFiles = new HashSet<>();
  private boolean clustersKnown = true;
  private final SubscriptionCheck subscriptions;
  private final SecretFileCheck secrets;

  private NodeConfigChecker(NodeConfig config, CheckMemo memo, Profile profile) {
    this.config = config;
    this.memo = memo;
    this.policy = profile == Profile.BENT ? new LayoutPolicy(problems) : null;
    this.subscriptions = new SubscriptionCheck(config, problems);
    this.secrets = new SecretFileCheck(config, memo, subscriptions, problems);
  }

  /** Every problem Envoy would find in the node as a whole. */
  public static List<Diagnostic> check(NodeConfig config) {
    return check(config, new CheckMemo(), Profile.ENVOY);
  }

  /**
   * Like {@link #check(NodeConfig)} under {@code profile}, walking each resource that earlier nodes
   * checked with the same {@code memo} shared (the same object) only once.
   */
  public static List<Diagnostic> check(NodeConfig config, CheckMemo memo, Profile profile) {
    NodeConfigChecker checker = new NodeConfigChecker(config, memo, profile);
    checker.run();
    return List.copyOf(checker.problems);
  }

  /**
   * The problems of one filesystem-xDS file checked alone: one resource type per file, unique
   * names, addresses and filter chain matches, whole filter chains, codecs, STATIC endpoints,
   * unique domains and basic_auth users. What needs the rest of the node (files that exist,
   * clusters that routes name, tracer clusters, secrets) is not checked.
   */
  public static List<Diagnostic> checkFile(String file, List<Message> resources) {
    NodeConfigChecker checker = new NodeConfigChecker(null, new CheckMemo(), Profile.ENVOY);
    checker.runFile(file, resources);
    return List.copyOf(checker.problems);
  }

  private void run() {
    String boot = config.bootstrapName();
    Bootstrap bootstrap = config.bootstrap();
    if (policy != null) {
      policy.bootstrap(boot, bootstrap);
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
      listener(boot, "static_resources.listeners[" + i + "]", listeners.get(i), true);
    }
    extensions(boot, "", bootstrap, staticClusters, STATIC_VIEW);
    if (dynamic.hasLdsConfig()) {
      List<Message> lds = subscriptions.resources(boot, "dynamic_resources.lds_config", dynamic.getLdsConfig());
      resources(SubscriptionCheck.path(dynamic.getLdsConfig()), lds, Listener.class, "an LDS file holds listeners");
    }
    node(boot, bootstrap);
    if (policy != null) {
      policy.subscriptions(boot, subscriptions.count());
    }
  }

  /**
   * Envoy needs node.id and node.cluster only when it subscribes ({@code
   * source/common/config/utility.cc}, Utility::checkLocalInfo, called for CDS, LDS, RDS, SDS and
   * ADS subscriptions), and takes them from --service-node and --service-cluster too, so a
   * bootstrap without them is a warning at most. bent's layout always sets them.
   */
  private void node(String boot, Bootstrap bootstrap) {
    boolean subscribes = subscriptions.count() > 0 || bootstrap.getDynamicResources().hasAdsConfig();
    boolean unset = bootstrap.getNode().getId().isEmpty() || bootstrap.getNode().getCluster().isEmpty();
    if (policy == null && subscribes && unset) {
      problems.add(Diagnostic.warning(Location.of(boot), "node: node.id or node.cluster is not set, and this node"
          + " subscribes; Envoy refuses to start unless they come from --service-node and --service-cluster"));
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
        listener(file, at, l, false);
      } else if (resource instanceof RouteConfiguration routes) {
        routes(file, at, routes, false, false);
      }
      extensions(file, at, resource, Set.of(), "");
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
        listener(file, at, l, false);
        extensions(file, at, l, clusters.keySet(), ALL_VIEW);
      }
    }
  }

  /**
   * Cluster names are unique: {@code source/common/upstream/cluster_manager_impl.cc}, "cluster
   * manager: duplicate cluster".
   */
  private void cluster(String file, String field, Cluster cluster) {
    String earlier = clusters.putIfAbsent(cluster.getName(), file + " " + field);
    if (earlier != null) {
      error(file, field + ".name: cluster \"" + cluster.getName() + "\" is defined twice (also at " + earlier + ")");
    }
    if (policy != null && config.bootstrap().hasAdmin()
        && memo.reachesAdmin(cluster, config.bootstrap().getAdmin().getAddress().getSocketAddress())) {
      adminClusters.add(cluster.getName());
    }
    memo.cluster(file, field, cluster, problems);
    secrets.inside(file, field, cluster);
  }

  /**
   * Named listeners are unique and no two listeners of one socket type share an address: {@code
   * source/common/listener_manager/listener_manager_impl.cc}, "duplicate listener" and "has
   * duplicate address". A listener without a name gets a random one, so unnamed listeners never
   * clash by name.
   */
  private void listener(String file, String field, Listener listener, boolean isStatic) {
    String where = file + " " + field;
    if (!listener.getName().isEmpty()) {
      String earlierName = listenerNames.putIfAbsent(listener.getName(), where);
      if (earlierName != null) {
        error(file, field + ".name: listener \"" + listener.getName() + "\" is defined twice (also at "
            + earlierName + ")");
      }
    }
    if (listener.getAddress().hasSocketAddress()) {
      SocketAddress socket = listener.getAddress().getSocketAddress();
      String hostPort = socket.getAddress() + ":" + socket.getPortValue();
      String key = socket.getProtocol() + " " + hostPort;
      String earlier = addresses.putIfAbsent(key, listener.getName().isEmpty() ? where : "\"" + listener.getName() + "\"");
      if (earlier != null) {
        error(file, field + ".address: " + hostPort + " is taken by listener " + earlier + " too");
      }
    }
    ListenerRules.filterChainMatches(file, field, listener, problems);
    boolean quic = ListenerRules.isQuic(listener);
    List<FilterChain> chains = listener.getFilterChainsList();
    for (int c = 0; c < chains.size(); c++) {
      filterChain(file, field + ".filter_chains[" + c + "]", chains.get(c), quic, isStatic);
    }
    if (listener.hasDefaultFilterChain()) {
      filterChain(file, field + ".default_filter_chain", listener.getDefaultFilterChain(), quic, isStatic);
    }
    secrets.inside(file, field, listener);
  }

  private void filterChain(String file, String field, FilterChain chain, boolean quic, boolean isStatic) {
    List<Filter> filters = chain.getFiltersList();
    for (int f = 0; f < filters.size(); f++) {
      String at = field + ".filters[" + f + "]";
      Any typed = filters.get(f).getTypedConfig();
      if (typed.getTypeUrl().isEmpty() && !filters.get(f).hasConfigDiscovery()) {
        error(file, at + ".typed_config: required (filters are chosen by their @type)");
      } else if (typed.getTypeUrl().equals(HCM_TYPE)) {
        connectionManager(file, at + ".typed_config", unpack(typed), quic, isStatic);
      }
    }
  }

  private void connectionManager(String file, String field, HttpConnectionManager hcm, boolean quic, boolean isStatic) {
    if (hcm == null) {
      error(file, field + ": cannot be read as an HttpConnectionManager");
      return;
    }
    ListenerRules.codec(file, field, hcm, quic, problems);
    new HttpFilterChainCheck(problems, policy).check(file, field, hcm.getHttpFiltersList());
    if (hcm.hasRds()) {
      rds(file, field, hcm);
    } else if (hcm.hasRouteConfig()) {
      routes(file, field + ".route_config", hcm.getRouteConfig(), true, isStatic);
    }
  }

  /**
   * An RDS file holds exactly one route configuration, named as the listener asks: {@code
   * source/common/router/rds_impl.cc} (the subscription moved to {@code
   * source/common/rds/rds_route_config_subscription.cc} in later releases), "Unexpected RDS
   * resource length" and "Unexpected RDS configuration (expecting NAME)".
   */
  private void rds(String file, String field, HttpConnectionManager hcm) {
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
      error(rdsFile, "resources[0]: must be the route configuration \"" + name + "\" that " + file + " " + field
          + " names (Envoy: \"Unexpected RDS configuration\")");
    } else if (checkedRouteFiles.add(rdsFile)) {
      routes(rdsFile, "resources[0]", routes, false, false);
      extensions(rdsFile, "resources[0]", routes, clusters.keySet(), ALL_VIEW);
    }
  }

  /**
   * {@code inline}: a connection manager's route_config, else RDS; {@code isStatic}: inside a
   * static listener, which sees only static clusters when Envoy builds it and validates them.
   */
  private void routes(String file, String field, RouteConfiguration routes, boolean inline, boolean isStatic) {
    boolean validated = RouteConfigCheck.validatesClusters(routes, inline);
    Set<String> known = null;
    String what = "";
    if (config != null && validated && isStatic) {
      known = staticClusters;
      what = " among the " + STATIC_VIEW;
    } else if (config != null && clustersKnown) {
      known = clusters.keySet();
    }
    CheckMemo.RouteFacts facts = memo.routes(routes);
    boolean admin = policy != null && !Collections.disjoint(facts.clusters(), adminClusters);
    if (!facts.domainsUnique() || (known != null && !known.containsAll(facts.clusters())) || admin) {
      new RouteConfigCheck(problems, known, validated, what, policy).check(file, field, routes);
      if (policy != null) {
        policy.adminRoutes(file, field, routes, adminClusters);
      }
    }
  }

  /** Checks the extensions configured anywhere inside {@code message}: tracers and basic_auth. */
  private void extensions(String file, String field, Message message, Set<String> visible, String visibleWhat) {
    BasicAuthCheck basicAuth = new BasicAuthCheck(problems);
    TracerClusterCheck tracers = new TracerClusterCheck(problems, visible, visibleWhat, staticClusters, policy);
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

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
