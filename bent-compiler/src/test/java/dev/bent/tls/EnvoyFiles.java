package dev.bent.tls;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.bent.validate.ConfigLoader;
import dev.bent.validate.ConfigLoaderAccess;
import dev.bent.validate.NodeConfig;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A node directory written by bent, read back the way Envoy would read it. */
public record EnvoyFiles(NodeConfig config) {

  public static EnvoyFiles load(Path nodeDirectory) {
    ConfigLoader.Loaded loaded = ConfigLoader.load(nodeDirectory.resolve("bootstrap.yaml"));
    if (loaded.config() == null || loaded.problems().stream().anyMatch(p -> p.isError())) {
      throw new AssertionError("cannot load " + nodeDirectory + ": " + loaded.problems());
    }
    return new EnvoyFiles(loaded.config());
  }

  private List<Message> resources(String suffix) {
    return config.files().entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).findFirst()
        .map(Map.Entry::getValue).orElseThrow(() -> new AssertionError("no file " + suffix));
  }

  public Map<String, Cluster> clusters() {
    Map<String, Cluster> out = new TreeMap<>();
    resources("/cds.yaml").forEach(m -> out.put(((Cluster) m).getName(), (Cluster) m));
    return out;
  }

  public Optional<Listener> listener(String name) {
    return resources("/lds.yaml").stream().map(m -> (Listener) m).filter(l -> l.getName().equals(name)).findFirst();
  }

  public static <T extends Message> T unpack(Any any, Class<T> type) {
    try {
      return any.unpack(type);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  /** The one Secret in the SDS file at {@code path}, read with bent's own strict reader. */
  public static Secret secret(String path) {
    NodeConfig single = ConfigLoaderAccess.resources(Path.of(path));
    return (Secret) single.files().values().iterator().next().get(0);
  }
}
