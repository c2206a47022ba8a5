package dev.bent.emit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.config.route.v3.RouteConfiguration;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The emit step: turns Envoy protos into deterministic YAML text, as Envoy reads it from files
 * (proto field names, durations as strings, {@code "@type"} quoted).
 *
 * <p>A filesystem-xDS file is built from resource items ({@link #resourceItem}), so that items
 * shared by every node (the egress clusters) are rendered once and reused.
 */
public final class YamlEmitter {
  /**
   * The registry and printer of the types bent emits, built on first use.
   *
   * <p>Reasoning: building them loads the descriptor graphs of every listed type, a large part of a
   * one-node compile's start; commands that emit nothing, or emit other types, never pay for it.
   */
  private static final class Registry {
    static final JsonFormat.TypeRegistry TYPES =
        JsonFormat.TypeRegistry.newBuilder()
            .add(
                List.of(
                    Cluster.getDescriptor(),
                    Listener.getDescriptor(),
                    RouteConfiguration.getDescriptor(),
                    HttpConnectionManager.getDescriptor(),
                    Router.getDescriptor(),
                    FileAccessLog.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.fault.v3.HTTPFault.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.health_check.v3.HealthCheck.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.basic_auth.v3.BasicAuth.getDescriptor(),
                    io.envoyproxy.envoy.config.trace.v3.ZipkinConfig.getDescriptor(),
                    io.envoyproxy.envoy.config.trace.v3.OpenTelemetryConfig.getDescriptor(),
                    io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions.getDescriptor(),
                    io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret.getDescriptor(),
                    io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext.getDescriptor(),
                    io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBAC.getDescriptor(),
                    io.envoyproxy.envoy.extensions.filters.http.rbac.v3.RBACPerRoute.getDescriptor()))
            .build();
    static final JsonFormat.Printer PRINTER =
        JsonFormat.printer().usingTypeRegistry(TYPES).preservingProtoFieldNames();
  }

  /** The JSON reader and YAML writer, built on first use. */
  private static final class Mappers {
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML =
        new YAMLMapper(
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .stringQuotingChecker(new EnvoyQuoting())
                .build());
  }

  /**
   * Quotes what YAML parsers disagree on: besides the defaults, values that start with ':' (HTTP/2
   * pseudo-headers such as {@code :path}), which some parsers read as a mapping indicator.
   */
  private static final class EnvoyQuoting extends com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      return value.startsWith(":") || super.needToQuoteValue(value);
    }
  }

  private YamlEmitter() {}

  /** A whole message as a YAML document (the bootstrap). */
  public static byte[] document(Message message) {
    return yaml(tree(Registry.PRINTER, message)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A whole message as a YAML document, for messages holding {@code Any} types beyond those bent
   * emits itself: {@code types} must resolve every {@code "@type"} inside it.
   */
  public static byte[] document(Message message, JsonFormat.TypeRegistry types) {
    JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types).preservingProtoFieldNames();
    return yaml(tree(printer, message)).getBytes(StandardCharsets.UTF_8);
  }

  /** One resource as a YAML list item ({@code - "@type": ...}), ready for {@link #discoveryFile}. */
  public static String resourceItem(Message resource) {
    return yaml(List.of(tree(Registry.PRINTER, Any.pack(resource))));
  }

  /**
   * A DiscoveryResponse file holding {@code items}; its {@code version_info} is a digest of them, so
   * it changes exactly when the content does.
   */
  public static byte[] discoveryFile(List<String> items) {
    return discoveryFile(RenderedItems.NONE, items);
  }

  /** A DiscoveryResponse file holding the items of {@code head}, then {@code tail}. */
  public static byte[] discoveryFile(RenderedItems head, List<String> tail) {
    return keyedDiscoveryFile(head, tail).bytes();
  }

  /**
   * A file's bytes with its content key: a SHA-256 from which the bytes follow, so that equal keys
   * mean equal bytes (for files of the same path).
   */
  public record KeyedFile(byte[] bytes, byte[] key) {}

  /**
   * {@link #discoveryFile(RenderedItems, List)} with its content key, the SHA-256 of its items: the
   * digest its {@code version_info} is cut from, which the rest of the file follows from.
   */
  public static KeyedFile keyedDiscoveryFile(RenderedItems head, List<String> tail) {
    byte[] rest = String.join("", tail).getBytes(StandardCharsets.UTF_8);
    MessageDigest digest = head.digestAfter();
    digest.update(rest);
    byte[] key = digest.digest();
    String header =
        "version_info: \""
            + HexFormat.of().formatHex(key, 0, 8)
            + "\"\n"
            + (head.count() == 0 && tail.isEmpty() ? "resources: []\n" : "resources:\n");
    byte[] start = header.getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[start.length + head.utf8().length + rest.length];
    System.arraycopy(start, 0, file, 0, start.length);
    System.arraycopy(head.utf8(), 0, file, start.length, head.utf8().length);
    System.arraycopy(rest, 0, file, start.length + head.utf8().length, rest.length);
    return new KeyedFile(file, key);
  }

  private static JsonNode tree(JsonFormat.Printer printer, Message message) {
    try {
      return Mappers.JSON.readTree(printer.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("type missing from the emitter's registry: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(Object value) {
    try {
      return Mappers.YAML.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
