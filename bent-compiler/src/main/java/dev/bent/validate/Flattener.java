package dev.bent.validate;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import dev.bent.emit.YamlEmitter;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.ConfigSource;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Flattener of one node into a single static bootstrap, so that a real Envoy can check the dynamic
 * files too ({@code envoy --mode validate} builds static configuration only): the LDS listeners and
 * CDS clusters join {@code static_resources}, each connection manager's {@code rds} is replaced by
 * the {@code route_config} its file holds, and {@code dynamic_resources} is removed.
 *
 * <p>Only LDS, CDS and RDS files are inlined; a cluster that reads its endpoints from a file (EDS)
 * or a subscription that is not a file is reported instead.
 */
public final class Flattener {

  /**
   * A flattened node.
   *
   * @param bootstrap the static bootstrap; null when {@code problems} holds errors
   * @param problems why the node could not be flattened, at the file that names what is missing
   */
  public record Result(Bootstrap bootstrap, List<Diagnostic> problems) {
    /** Copies the list. */
    public Result {
      problems = List.copyOf(problems);
    }

    /** The flattened bootstrap as YAML, every {@code "@type"} in it resolved. */
    public byte[] yaml() {
      return YamlEmitter.document(bootstrap, typeRegistry(bootstrap));
    }
  }

  private final NodeConfig config;
  private final List<Diagnostic> problems = new ArrayList<>();

  private Flattener(NodeConfig config) {
    this.config = config;
  }

  /** Flattens {@code config}; the result's bootstrap is null when something cannot be inlined. */
  public static Result flatten(NodeConfig config) {
    Flattener flattener = new Flattener(config);
    Bootstrap flat = flattener.run();
    return new Result(flattener.problems.isEmpty() ? flat : null, flattener.problems);
  }

  private Bootstrap run() {
    String boot = config.bootstrapName();
    Bootstrap bootstrap = config.bootstrap();
    var dynamic = bootstrap.getDynamicResources();
    Bootstrap.StaticResources.Builder statics = bootstrap.getStaticResources().toBuilder().clearListeners();
    for (int i = 0; i < bootstrap.getStaticResources().getListenersCount(); i++) {
      statics.addListeners(listener(boot, bootstrap.getStaticResources().getListeners(i)));
    }
    if (dynamic.hasLdsConfig()) {
      for (Message resource : file(boot, "dynamic_resources.lds_config", dynamic.getLdsConfig())) {
        if (resource instanceof Listener listener) {
          statics.addListeners(listener(path(dynamic.getLdsConfig()), listener));
        }
      }
    }
    if (dynamic.hasCdsConfig()) {
      for (Message resource : file(boot, "dynamic_resources.cds_config", dynamic.getCdsConfig())) {
        if (resource instanceof Cluster cluster) {
          statics.addClusters(cluster);
        }
      }
    }
    for (Cluster cluster : statics.getClustersList()) {
      if (cluster.getEdsClusterConfig().getEdsConfig().hasPathConfigSource()) {
        error(boot, "cluster \"" + cluster.getName() + "\" reads its endpoints from a file (EDS), which"
            + " flatten does not inline; put them in load_assignment");
      }
    }
    if (dynamic.hasAdsConfig()) {
      error(boot, "dynamic_resources.ads_config: an ADS server cannot be inlined");
    }
    return bootstrap.toBuilder().setStaticResources(statics).clearDynamicResources().build();
  }

  /** The resources of the file {@code source} names; empty after reporting why there are none. */
  private List<Message> file(String file, String field, ConfigSource source) {
    String path = path(source);
    if (!source.hasPathConfigSource()) {
      error(file, field + ": only subscriptions to files (path_config_source) can be inlined");
    } else if (config.unreadable().contains(path)) {
      error(file, field + ": " + path + " cannot be read");
    } else if (!config.files().containsKey(path)) {
      error(file, field + ": " + path + " does not exist");
    } else {
      return config.files().get(path);
    }
    return List.of();
  }

  private Listener listener(String file, Listener listener) {
    Listener.Builder builder = listener.toBuilder();
    for (int c = 0; c < builder.getFilterChainsCount(); c++) {
      builder.setFilterChains(c, chain(file, builder.getFilterChains(c)));
    }
    if (builder.hasDefaultFilterChain()) {
      builder.setDefaultFilterChain(chain(file, builder.getDefaultFilterChain()));
    }
    return builder.build();
  }

  private FilterChain chain(String file, FilterChain chain) {
    FilterChain.Builder builder = chain.toBuilder();
    for (int f = 0; f < builder.getFiltersCount(); f++) {
      Filter filter = builder.getFilters(f);
      if (filter.getTypedConfig().getTypeUrl().equals(NodeConfigChecker.HCM_TYPE)) {
        builder.setFilters(f, filter.toBuilder().setTypedConfig(inline(file, filter.getTypedConfig())));
      }
    }
    return builder.build();
  }

  /** The connection manager in {@code typed} with its RDS subscription replaced by the routes. */
  private Any inline(String file, Any typed) {
    HttpConnectionManager hcm;
    try {
      hcm = typed.unpack(HttpConnectionManager.class);
    } catch (InvalidProtocolBufferException e) {
      error(file, "a connection manager cannot be read: " + e.getMessage());
      return typed;
    }
    if (!hcm.hasRds()) {
      return typed;
    }
    String name = hcm.getRds().getRouteConfigName();
    for (Message resource : file(file, "rds of route configuration \"" + name + "\"", hcm.getRds().getConfigSource())) {
      if (resource instanceof RouteConfiguration routes && routes.getName().equals(name)) {
        return Any.pack(hcm.toBuilder().clearRds().setRouteConfig(routes).build());
      }
    }
    if (config.files().containsKey(path(hcm.getRds().getConfigSource()))) {
      error(file, "no route configuration \"" + name + "\" in " + path(hcm.getRds().getConfigSource()));
    }
    return typed;
  }

  private static String path(ConfigSource source) {
    return source.getPathConfigSource().getPath();
  }

  /** A registry of every message type that an {@code Any} inside {@code message} holds. */
  static JsonFormat.TypeRegistry typeRegistry(Message message) {
    Set<com.google.protobuf.Descriptors.Descriptor> types = new LinkedHashSet<>();
    TypedConfigFinder.find(message, "", type -> true).forEach(f -> types.add(f.config().getDescriptorForType()));
    return JsonFormat.TypeRegistry.newBuilder().add(types).build();
  }

  private void error(String file, String message) {
    problems.add(Diagnostic.error(Location.of(file), message));
  }
}
