package dev.bent.emit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The message types an {@code Any} may hold in emitted output, by full name, and how to read one.
 *
 * <p>Bent's own resource and extension types are found by name through their generated classes,
 * building only the descriptors of the types met. Other types are looked up among every message of
 * the files of those types and of their imports, a set built on first need. Messages are read as
 * dynamic messages, whose fields need no reflection on generated classes.
 */
final class AnyTypes {
  /** The types bent emits, by full name, with their default instances. */
  private static final Map<String, Supplier<Message>> OWN = own();

  /** The files of bent's types and their imports, as one name-to-type map; built on first use. */
  private static final class Closure {
    static final Map<String, Descriptor> TYPES = closure();
  }

  private final Function<String, Descriptor> types;
  private final boolean own;

  private AnyTypes(Function<String, Descriptor> types, boolean own) {
    this.types = types;
    this.own = own;
  }

  /** Bent's own types. */
  static final AnyTypes BENT = new AnyTypes(name -> Closure.TYPES.get(name), true);

  /** The types {@code find} resolves by full name (null when unknown), read as dynamic messages. */
  static AnyTypes of(Function<String, Descriptor> find) {
    return new AnyTypes(find, false);
  }

  /**
   * The message of type {@code name} held in {@code value}.
   *
   * @throws IllegalStateException when the type is unknown or the bytes are not such a message
   */
  Message read(String typeUrl, String name, ByteString value) {
    try {
      Descriptor type = own && OWN.containsKey(name) ? OWN.get(name).get().getDescriptorForType() : types.apply(name);
      if (type == null) {
        throw new IllegalStateException("type missing from the emitter's registry: Cannot find type for url: " + typeUrl);
      }
      return DynamicMessage.getDefaultInstance(type).getParserForType().parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("unreadable " + name + " in an Any: " + e.getMessage(), e);
    }
  }

  private static Map<String, Descriptor> closure() {
    Map<String, Descriptor> types = new HashMap<>();
    Set<String> files = new HashSet<>();
    for (Supplier<Message> type : OWN.values()) {
      addFile(type.get().getDescriptorForType().getFile(), files, types);
    }
    return Map.copyOf(types);
  }

  private static void addFile(FileDescriptor file, Set<String> files, Map<String, Descriptor> types) {
    if (!files.add(file.getFullName())) {
      return;
    }
    for (FileDescriptor dependency : file.getDependencies()) {
      addFile(dependency, files, types);
    }
    for (Descriptor message : file.getMessageTypes()) {
      addMessage(message, types);
    }
  }

  private static void addMessage(Descriptor message, Map<String, Descriptor> types) {
    for (Descriptor nested : message.getNestedTypes()) {
      addMessage(nested, types);
    }
    types.putIfAbsent(message.getFullName(), message);
  }

  /**
   * Bent's resource and extension types, by full name (each checked against its descriptor by a
   * test): naming them here, rather than asking their descriptors, builds no descriptor.
   */
  private static Map<String, Supplier<Message>> own() {
    return Map.ofEntries(
        Map.entry("envoy.config.cluster.v3.Cluster", io.envoyproxy.envoy.config.cluster.v3.Cluster::getDefaultInstance),
        Map.entry("envoy.config.listener.v3.Listener", io.envoyproxy.envoy.config.listener.v3.Listener::getDefaultInstance),
        Map.entry("envoy.config.route.v3.RouteConfiguration", io.envoyproxy.envoy.config.route.v3.RouteConfiguration::getDefaultInstance),
        Map.entry("envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager", io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.router.v3.Router", io.envoyproxy.envoy.extensions.filters.http.router.v3.Router::getDefaultInstance),
        Map.entry("envoy.extensions.access_loggers.file.v3.FileAccessLog", io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.fault.v3.HTTPFault", io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.health_check.v3.HealthCheck", io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.basic_auth.v3.BasicAuth", io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth::getDefaultInstance),
        Map.entry("envoy.config.trace.v3.ZipkinConfig", io.envoyproxy.envoy.config.trace.v3.ZipkinConfig::getDefaultInstance),
        Map.entry("envoy.config.trace.v3.OpenTelemetryConfig", io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig::getDefaultInstance),
        Map.entry("envoy.extensions.upstreams.http.v3.HttpProtocolOptions", io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions::getDefaultInstance),
        Map.entry("envoy.extensions.transport_sockets.tls.v3.Secret", io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret::getDefaultInstance),
        Map.entry("envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext", io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext::getDefaultInstance),
        Map.entry("envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext", io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext::getDefaultInstance),
        Map.entry("envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector", io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.rbac.v3.RBAC", io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC::getDefaultInstance),
        Map.entry("envoy.extensions.filters.http.rbac.v3.RBACPerRoute", io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute::getDefaultInstance));
  }

  /** The full names of bent's own types, for tests that check them against the descriptors. */
  static Map<String, Supplier<Message>> ownTypes() {
    return OWN;
  }
}
