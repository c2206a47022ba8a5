package dev.bent.validate;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node's Envoy configuration as Envoy would load it: the bootstrap, the directory Envoy sees it
 * in, and the resources of each filesystem-xDS file by its absolute path (as the bootstrap and the
 * listeners name it).
 */
public record NodeConfig(String bootstrapName, Bootstrap bootstrap, Map<String, List<Message>> files) {
  public NodeConfig {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
