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
import java.util.List;

/**
 * The emitter bent used before it wrote YAML itself, kept as the reference the direct emitter must
 * match byte for byte: each message printed as proto3 JSON, read into a Jackson tree and written by
 * Jackson's YAML generator.
 */
final class JacksonYamlEmitter {
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

  private JacksonYamlEmitter() {}

  /** A whole message as a YAML document (the bootstrap). */
  static byte[] document(Message message) {
    return yaml(tree(Registry.PRINTER, message)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A whole message as a YAML document, for messages holding {@code Any} types beyond those bent
   * emits itself: {@code types} must resolve every {@code "@type"} inside it.
   */
  static byte[] document(Message message, JsonFormat.TypeRegistry types) {
    JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(types).preservingProtoFieldNames();
    return yaml(tree(printer, message)).getBytes(StandardCharsets.UTF_8);
  }

  /** One resource as a YAML list item ({@code - "@type": ...}), ready for {@link #discoveryFile}. */
  static String resourceItem(Message resource) {
    return yaml(List.of(tree(Registry.PRINTER, Any.pack(resource))));
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
