package dev.bent.emit;

import com.google.protobuf.Any;
import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.DoubleValue;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import com.google.protobuf.FloatValue;
import com.google.protobuf.Int32Value;
import com.google.protobuf.Int64Value;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.NullValue;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UInt32Value;
import com.google.protobuf.UInt64Value;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.config.bootstrap.v3.Admin;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.bootstrap.v3.LayeredRuntime;
import io.envoyproxy.envoy.config.bootstrap.v3.RuntimeLayer;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.core.v3.Address;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.config.core.v3.HealthCheck;
import io.envoyproxy.envoy.config.core.v3.Metadata;
import io.envoyproxy.envoy.config.core.v3.Node;
import io.envoyproxy.envoy.config.core.v3.SocketAddress;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import io.envoyproxy.envoy.config.endpoint.v3.Endpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LbEndpoint;
import io.envoyproxy.envoy.config.endpoint.v3.LocalityLbEndpoints;
import io.envoyproxy.envoy.config.listener.v3.Filter;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.listener.v3.ListenerFilter;
import io.envoyproxy.envoy.config.route.v3.HeaderMatcher;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.config.route.v3.RouteAction;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.config.route.v3.RouteMatch;
import io.envoyproxy.envoy.config.route.v3.VirtualHost;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.type.v3.Int64Range;
import io.envoyproxy.envoy.type.v3.Percent;
import java.util.List;
import java.util.Random;

/**
 * Envoy messages built at random from a pool of strings: the subsets of Cluster, Listener,
 * RouteConfiguration and Bootstrap that bent fills, plus every well-known type inside an {@code Any},
 * maps with odd keys, unknown enum numbers, 64-bit and floating-point values.
 */
final class RandomEnvoy {
  private final Random random;
  private final List<String> strings;

  RandomEnvoy(long seed, List<String> strings) {
    this.random = new Random(seed);
    this.strings = strings.isEmpty() ? List.of("x") : strings;
  }

  private String s() {
    return strings.get(random.nextInt(strings.size()));
  }

  private boolean maybe() {
    return random.nextBoolean();
  }

  private int count(int max) {
    return random.nextInt(max + 1);
  }

  private long anyLong() {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) - 500;
      case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      default -> random.nextLong();
    };
  }

  private int anyInt() {
    return switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) - 500;
      case 2 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
      default -> random.nextInt();
    };
  }

  private double anyDouble() {
    return switch (random.nextInt(8)) {
      case 0 -> 0.0;
      case 1 -> -0.0;
      case 2 -> random.nextInt(200) / 8.0;
      case 3 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
      case 4 -> Double.longBitsToDouble(random.nextLong());
      case 5 -> random.nextBoolean() ? Double.MIN_VALUE : Double.MAX_VALUE;
      case 6 -> random.nextInt(3) == 0 ? Double.NaN : random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      default -> random.nextGaussian() * 1e7;
    };
  }

  private float anyFloat() {
    return switch (random.nextInt(5)) {
      case 0 -> Float.intBitsToFloat(random.nextInt());
      case 1 -> random.nextFloat() * (float) Math.pow(10, random.nextInt(20) - 10);
      case 2 -> (float) anyDouble();
      case 3 -> random.nextInt(100) / 10f;
      default -> 0.1f * random.nextInt(1000);
    };
  }

  private Duration duration() {
    long seconds = random.nextInt(3) == 0 ? random.nextInt(5) : (long) (random.nextDouble() * 315_576_000_000L);
    int nanos = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1000) * 1_000_000;
      case 2 -> random.nextInt(1_000_000) * 1000;
      default -> random.nextInt(1_000_000_000);
    };
    if (random.nextInt(5) == 0) {
      seconds = -seconds;
      nanos = -nanos;
    }
    return Duration.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  private Value value(int depth) {
    return switch (random.nextInt(depth > 2 ? 4 : 6)) {
      case 0 -> Value.newBuilder().setStringValue(s()).build();
      case 1 -> Value.newBuilder().setNumberValue(random.nextInt(20) == 0 ? anyDouble() : random.nextInt(1000) / 4.0).build();
      case 2 -> Value.newBuilder().setBoolValue(maybe()).build();
      case 3 -> maybe() ? Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build() : Value.getDefaultInstance();
      case 4 -> Value.newBuilder().setStructValue(struct(depth + 1)).build();
      default -> Value.newBuilder().setListValue(list(depth + 1)).build();
    };
  }

  private ListValue list(int depth) {
    ListValue.Builder list = ListValue.newBuilder();
    for (int i = count(3); i > 0; i--) {
      list.addValues(value(depth));
    }
    return list.build();
  }

  Struct struct(int depth) {
    Struct.Builder struct = Struct.newBuilder();
    for (int i = count(4); i > 0; i--) {
      struct.putFields(s(), value(depth));
    }
    return struct.build();
  }

  /** An {@code Any} holding a well-known type, an Envoy type, another Any, or nothing. */
  Any any(int depth) {
    Message content = switch (random.nextInt(depth > 1 ? 17 : 19)) {
      case 0 -> BoolValue.of(maybe());
      case 1 -> Int32Value.of(anyInt());
      case 2 -> UInt32Value.of(anyInt());
      case 3 -> Int64Value.of(anyLong());
      case 4 -> UInt64Value.of(anyLong());
      case 5 -> StringValue.of(s());
      case 6 -> BytesValue.of(bytes());
      case 7 -> FloatValue.of(anyFloat());
      case 8 -> DoubleValue.of(anyDouble());
      case 9 -> duration();
      case 10 -> Timestamp.newBuilder().setSeconds(random.nextInt(2_000_000_000)).setNanos(random.nextInt(3) * 1000).build();
      case 11 -> FieldMask.newBuilder().addPaths("a_b").addPaths("c.d_e").build();
      case 12 -> struct(depth);
      case 13 -> value(depth);
      case 14 -> list(depth);
      case 15 -> Int64Range.newBuilder().setStart(anyLong()).setEnd(anyLong()).build();
      case 16 -> Percent.newBuilder().setValue(anyDouble()).build();
      case 17 -> any(depth + 1);
      default -> null;
    };
    return content == null ? Any.getDefaultInstance() : Any.pack(content);
  }

  private ByteString bytes() {
    byte[] bytes = new byte[count(40)];
    random.nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  private Metadata metadata() {
    Metadata.Builder metadata = Metadata.newBuilder();
    for (int i = count(2); i > 0; i--) {
      metadata.putFilterMetadata(s(), struct(0));
    }
    for (int i = count(2); i > 0; i--) {
      metadata.putTypedFilterMetadata(s(), any(0));
    }
    return metadata.build();
  }

  private Address address() {
    return Address.newBuilder()
        .setSocketAddress(SocketAddress.newBuilder().setAddress(s()).setPortValue(anyInt()))
        .build();
  }

  Cluster cluster() {
    Cluster.Builder cluster = Cluster.newBuilder().setName(s());
    if (maybe()) {
      cluster.setTypeValue(random.nextInt(4) == 0 ? 40 + random.nextInt(10) : random.nextInt(5));
    }
    if (maybe()) {
      cluster.setConnectTimeout(duration());
    }
    if (maybe()) {
      cluster.setPerConnectionBufferLimitBytes(UInt32Value.of(anyInt()));
    }
    if (maybe()) {
      cluster.setMetadata(metadata());
    }
    if (maybe()) {
      cluster.setAltStatName(s());
    }
    if (maybe()) {
      cluster.getCommonLbConfigBuilder().setHealthyPanicThreshold(Percent.newBuilder().setValue(anyDouble()));
    }
    for (int i = count(2); i > 0; i--) {
      cluster.putTypedExtensionProtocolOptions(s(), any(0));
    }
    if (maybe()) {
      ClusterLoadAssignment.Builder assignment = ClusterLoadAssignment.newBuilder().setClusterName(s());
      for (int i = count(2); i > 0; i--) {
        LocalityLbEndpoints.Builder locality = LocalityLbEndpoints.newBuilder();
        for (int j = count(3); j > 0; j--) {
          LbEndpoint.Builder endpoint = LbEndpoint.newBuilder()
              .setEndpoint(Endpoint.newBuilder().setAddress(address()).setHostname(s()));
          if (maybe()) {
            endpoint.setLoadBalancingWeight(UInt32Value.of(anyInt()));
          }
          locality.addLbEndpoints(endpoint);
        }
        assignment.addEndpoints(locality);
      }
      cluster.setLoadAssignment(assignment);
    }
    for (int i = count(2); i > 0; i--) {
      HealthCheck.Builder check = HealthCheck.newBuilder().setTimeout(duration()).setInterval(duration())
          .setHealthyThreshold(UInt32Value.of(anyInt()));
      if (maybe()) {
        HealthCheck.HttpHealthCheck.Builder http = HealthCheck.HttpHealthCheck.newBuilder().setPath(s()).setHost(s());
        http.addExpectedStatuses(Int64Range.newBuilder().setStart(anyLong()).setEnd(anyLong()));
        http.addRequestHeadersToAdd(header());
        check.setHttpHealthCheck(http);
      } else {
        HealthCheck.Payload.Builder send = HealthCheck.Payload.newBuilder();
        if (maybe()) {
          send.setBinary(bytes());
        } else {
          send.setText(s());
        }
        check.setTcpHealthCheck(HealthCheck.TcpHealthCheck.newBuilder().setSend(send));
      }
      cluster.addHealthChecks(check);
    }
    return cluster.build();
  }

  private HeaderValueOption header() {
    HeaderValueOption.Builder option = HeaderValueOption.newBuilder()
        .setHeader(HeaderValue.newBuilder().setKey(s()).setValue(s()));
    if (maybe()) {
      option.setAppendActionValue(random.nextInt(5));
    }
    return option.build();
  }

  RouteConfiguration routes() {
    RouteConfiguration.Builder routes = RouteConfiguration.newBuilder().setName(s());
    for (int i = count(2); i > 0; i--) {
      VirtualHost.Builder host = VirtualHost.newBuilder().setName(s());
      for (int j = count(3); j > 0; j--) {
        host.addDomains(s());
      }
      for (int j = count(3); j > 0; j--) {
        RouteMatch.Builder match = RouteMatch.newBuilder();
        if (maybe()) {
          match.setPrefix(s());
        } else {
          match.setPath(s());
        }
        if (maybe()) {
          match.addHeaders(HeaderMatcher.newBuilder().setName(maybe() ? ":path" : s()).setPresentMatch(maybe()));
        }
        Route.Builder route = Route.newBuilder().setMatch(match).setName(s());
        RouteAction.Builder action = RouteAction.newBuilder().setCluster(s());
        if (maybe()) {
          action.setTimeout(duration());
        }
        route.setRoute(action);
        for (int k = count(2); k > 0; k--) {
          route.putTypedPerFilterConfig(s(), any(0));
        }
        host.addRoutes(route);
      }
      for (int j = count(2); j > 0; j--) {
        host.addRequestHeadersToAdd(header());
      }
      for (int j = count(2); j > 0; j--) {
        host.addResponseHeadersToRemove(s());
      }
      routes.addVirtualHosts(host);
    }
    if (maybe()) {
      routes.setValidateClusters(BoolValue.of(maybe()));
    }
    return routes.build();
  }

  Listener listener() {
    Listener.Builder listener = Listener.newBuilder().setName(s()).setAddress(address());
    for (int i = count(2); i > 0; i--) {
      HttpConnectionManager.Builder hcm = HttpConnectionManager.newBuilder().setStatPrefix(s());
      if (maybe()) {
        hcm.setRouteConfig(routes());
      }
      hcm.addHttpFilters(HttpFilter.newBuilder().setName(s()).setTypedConfig(Any.pack(Router.getDefaultInstance())));
      if (maybe()) {
        SubstitutionFormatString.Builder format = SubstitutionFormatString.newBuilder();
        if (maybe()) {
          format.setJsonFormat(struct(0));
        } else {
          format.setTextFormatSource(DataSource.newBuilder().setInlineString(s() + "\n" + s()));
        }
        hcm.addAccessLog(AccessLog.newBuilder().setName(s())
            .setTypedConfig(Any.pack(FileAccessLog.newBuilder().setPath(s()).setLogFormat(format).build())));
      }
      if (maybe()) {
        hcm.setStreamIdleTimeout(duration());
      }
      listener.addFilterChains(FilterChain.newBuilder()
          .addFilters(Filter.newBuilder().setName(s()).setTypedConfig(Any.pack(hcm.build()))));
    }
    if (maybe()) {
      listener.addListenerFilters(ListenerFilter.newBuilder().setName(s())
          .setTypedConfig(Any.pack(TlsInspector.getDefaultInstance())));
    }
    if (maybe()) {
      listener.setPerConnectionBufferLimitBytes(UInt32Value.of(anyInt()));
    }
    return listener.build();
  }

  Bootstrap bootstrap() {
    Bootstrap.Builder bootstrap = Bootstrap.newBuilder()
        .setNode(Node.newBuilder().setId(s()).setCluster(s()).setMetadata(struct(0)));
    for (int i = count(2); i > 0; i--) {
      bootstrap.getStaticResourcesBuilder().addClusters(cluster());
    }
    for (int i = count(1); i > 0; i--) {
      bootstrap.getStaticResourcesBuilder().addListeners(listener());
    }
    if (maybe()) {
      bootstrap.setAdmin(Admin.newBuilder().setAddress(address()));
    }
    if (maybe()) {
      bootstrap.setLayeredRuntime(LayeredRuntime.newBuilder()
          .addLayers(RuntimeLayer.newBuilder().setName(s()).setStaticLayer(struct(0))));
    }
    if (maybe()) {
      bootstrap.setStatsFlushInterval(duration());
    }
    return bootstrap.build();
  }
}
