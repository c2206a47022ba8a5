package dev.bent.translate;

import com.google.protobuf.Any;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.envoyproxy.envoy.config.accesslog.v3.AccessLog;
import io.envoyproxy.envoy.config.core.v3.SubstitutionFormatString;
import io.envoyproxy.envoy.extensions.access_loggers.file.v3.FileAccessLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** Translates the access-log setting into a JSON file access log for one listener. */
public final class AccessLogTranslator {
  /** Field name to Envoy format command, in the order they are written. */
  static final Map<String, String> FIELDS = fields();

  private AccessLogTranslator() {}

  /** {@code direction} ("egress", "ingress") and {@code node} are written into every line. */
  public static AccessLog translate(String path, String direction, String node) {
    Struct.Builder json = Struct.newBuilder();
    FIELDS.forEach((name, command) -> json.putFields(name, string(command)));
    json.putFields("direction", string(direction));
    json.putFields("node", string(node));
    FileAccessLog file =
        FileAccessLog.newBuilder()
            .setPath(path)
            .setLogFormat(SubstitutionFormatString.newBuilder().setJsonFormat(json))
            .build();
    return AccessLog.newBuilder()
        .setName("envoy.access_loggers.file")
        .setTypedConfig(Any.pack(file))
        .build();
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Map<String, String> fields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("start_time", "%START_TIME%");
    f.put("method", "%REQ(:METHOD)%");
    f.put("path", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%");
    f.put("protocol", "%PROTOCOL%");
    f.put("response_code", "%RESPONSE_CODE%");
    f.put("response_flags", "%RESPONSE_FLAGS%");
    f.put("bytes_received", "%BYTES_RECEIVED%");
    f.put("bytes_sent", "%BYTES_SENT%");
    f.put("duration", "%DURATION%");
    f.put("upstream_service_time", "%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%");
    f.put("x_forwarded_for", "%REQ(X-FORWARDED-FOR)%");
    f.put("user_agent", "%REQ(USER-AGENT)%");
    f.put("request_id", "%REQ(X-REQUEST-ID)%");
    f.put("authority", "%REQ(:AUTHORITY)%");
    f.put("upstream_host", "%UPSTREAM_HOST%");
    f.put("upstream_cluster", "%UPSTREAM_CLUSTER%");
    f.put("downstream_local_address", "%DOWNSTREAM_LOCAL_ADDRESS%");
    f.put("downstream_remote_address", "%DOWNSTREAM_REMOTE_ADDRESS%");
    return java.util.Collections.unmodifiableMap(f);
  }
}
