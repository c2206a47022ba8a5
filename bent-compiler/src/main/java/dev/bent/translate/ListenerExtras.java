package dev.bent.translate;

import dev.bent.model.MeshSettings;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import java.util.Optional;

/** The mesh-wide parts of every listener of one node: its access log and its tracing. */
public record ListenerExtras(String node, MeshSettings settings) {

  Optional<AccessLog> accessLog(String direction) {
    MeshSettings.AccessLog log = settings.accessLog();
    return log.enabled()
        ? Optional.of(AccessLogTranslator.translate(log.path(), direction, node))
        : Optional.empty();
  }

  Optional<HttpConnectionManager.Tracing> tracing(String direction) {
    return settings.tracing().map(t -> TracingTranslator.tracing(t, node, direction));
  }
}
