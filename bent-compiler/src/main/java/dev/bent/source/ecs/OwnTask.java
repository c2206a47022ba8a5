package dev.bent.source.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import dev.bent.source.MeshSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The task this process runs in, from its task metadata (v4), merged into a mesh snapshot: what
 * {@code --node auto} compiles when the mesh comes from a snapshot rather than a scan of its own.
 *
 * <p>The task's own node (the services its containers' docker labels bind, at the task's address,
 * and their annotations) comes from the metadata endpoint's {@code /task} answer: {@code
 * Containers[].Labels}, {@code Networks} and {@code Ports}. The rest of the mesh (every other node,
 * the services it routes to, the mesh settings) comes from the snapshot. A node of the same name in
 * the snapshot is replaced, and so are the snapshot's service-wide annotations of the services the
 * task serves: the task's own definition is what its own listener should follow. A task that the
 * snapshot does not list yet (it is still starting) therefore compiles too.
 *
 * <pre>{@code
 * GET $ECS_CONTAINER_METADATA_URI_V4/task
 * {"TaskARN": "arn:aws:ecs:us-east-1:123456789012:task/prod/0f1e2d", "Family": "echo", "Revision": "4",
 *  "Containers": [{"Name": "echo", "Labels": {"envoy.service.echo.alpha": "echo:3000"},
 *                  "Networks": [{"NetworkMode": "awsvpc", "IPv4Addresses": ["10.0.1.17"]}]}]}
 * }</pre>
 */
public final class OwnTask {
  private OwnTask() {}

  /** {@code snapshot} with the task's own node taken from the metadata endpoint named in {@code env}. */
  public static MeshSource over(MeshSource snapshot, Map<String, String> env) {
    return new Over(snapshot, Map.copyOf(env));
  }

  /** The snapshot source with the own node merged in; closing it closes the snapshot source. */
  private record Over(MeshSource snapshot, Map<String, String> env) implements MeshSource, AutoCloseable {
    @Override
    public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException {
      return merge(snapshot.read(wantedNodes, diagnostics), env, diagnostics);
    }

    @Override
    public Path baseDirectory() {
      return snapshot.baseDirectory();
    }

    @Override
    public void close() throws Exception {
      if (snapshot instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  /**
   * {@code snapshot} with the task's own node, read now from the metadata endpoint.
   *
   * @throws IOException when the endpoint cannot be read (see {@link TaskMetadata#taskArn})
   */
  public static Mesh merge(Mesh snapshot, Map<String, String> env, Diagnostics diagnostics) throws IOException {
    JsonNode metadata = TaskMetadata.task(env);
    ScannedDefinition definition = definition(metadata);
    ScannedTask task = task(metadata, definition.arn());
    EcsScanner.Snapshot own = new EcsScanner.Snapshot(List.of(), List.of(task), Map.of(definition.arn(), definition));
    Mesh mine = new TaskMeshBuilder(EcsOptions.defaults(), diagnostics)
        .build("task metadata", own, Set.of(task.id()));
    NodeEntry node = mine.nodes().get(0);
    List<NodeEntry> nodes = new ArrayList<>();
    snapshot.nodes().stream().filter(n -> !n.name().equals(node.name())).forEach(nodes::add);
    nodes.add(node);
    nodes.sort(Comparator.comparing(NodeEntry::name));
    Map<String, ServiceEntry> services = new LinkedHashMap<>();
    snapshot.services().forEach(s -> services.put(s.name(), s));
    node.services().forEach(s -> services.remove(s.name()));
    Map<String, ServiceEntry> ownWide = new TreeMap<>();
    mine.services().forEach(s -> ownWide.put(s.name(), s));
    List<ServiceEntry> merged = new ArrayList<>(services.values());
    merged.addAll(ownWide.values());
    return new Mesh(snapshot.origin(), snapshot.settings(), merged, nodes);
  }

  private static ScannedDefinition definition(JsonNode metadata) {
    String taskArn = metadata.path("TaskARN").asText();
    String prefix = taskArn.substring(0, taskArn.indexOf(":task/") + 1);
    String arn = prefix + "task-definition/" + metadata.path("Family").asText("unknown") + ":"
        + metadata.path("Revision").asText("0");
    String mode = "bridge";
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (JsonNode container : metadata.path("Containers")) {
      Map<String, String> own = new TreeMap<>();
      container.path("Labels").fields().forEachRemaining(e -> own.put(e.getKey(), e.getValue().asText()));
      labels.put(container.path("Name").asText(), own);
      String network = container.path("Networks").path(0).path("NetworkMode").asText("");
      if (!network.isEmpty()) {
        mode = network;
      }
    }
    return new ScannedDefinition(arn, mode, Instant.EPOCH, labels);
  }

  private static ScannedTask task(JsonNode metadata, String definitionArn) {
    List<ScannedTask.Container> containers = new ArrayList<>();
    for (JsonNode c : metadata.path("Containers")) {
      List<String> addresses = new ArrayList<>();
      for (JsonNode network : c.path("Networks")) {
        network.path("IPv4Addresses").forEach(a -> addresses.add(a.asText()));
      }
      List<ScannedTask.PortBinding> bindings = new ArrayList<>();
      for (JsonNode port : c.path("Ports")) {
        if (port.has("ContainerPort") && port.has("HostPort")) {
          bindings.add(new ScannedTask.PortBinding(port.path("HostIp").asText(null),
              port.path("ContainerPort").asInt(), port.path("HostPort").asInt(), port.path("Protocol").asText("tcp")));
        }
      }
      boolean awsvpc = c.path("Networks").path(0).path("NetworkMode").asText("").equals("awsvpc");
      containers.add(new ScannedTask.Container(c.path("Name").asText(), awsvpc ? addresses : List.of(), bindings));
    }
    return new ScannedTask(metadata.path("TaskARN").asText(), metadata.path("Cluster").asText(""), definitionArn,
        metadata.path("DesiredStatus").asText("RUNNING"), metadata.path("KnownStatus").asText("PENDING"),
        null, containers, List.of());
  }
}
