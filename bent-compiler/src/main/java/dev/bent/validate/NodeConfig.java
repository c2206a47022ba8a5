package dev.bent.validate;

import com.google.protobuf.Message;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One node's Envoy configuration as Envoy would load it: the bootstrap, the name it is reported
 * under, the resources of each filesystem-xDS file by its absolute path (as the bootstrap and the
 * listeners name it), and the paths of files that exist but could not be read or parsed (their
 * problems are reported by whoever loaded them, so checks do not call them missing).
 */
public record NodeConfig(
    String bootstrapName,
    Bootstrap bootstrap,
    Map<String, List<Message>> files,
    Set<String> unreadable) {
  public NodeConfig {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    unreadable = Collections.unmodifiableSet(new TreeSet<>(unreadable));
  }

  /** A configuration whose every named file was read. */
  public NodeConfig(String bootstrapName, Bootstrap bootstrap, Map<String, List<Message>> files) {
    this(bootstrapName, bootstrap, files, Set.of());
  }
}
