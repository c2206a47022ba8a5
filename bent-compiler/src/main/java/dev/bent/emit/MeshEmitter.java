package dev.bent.emit;

import com.google.protobuf.Message;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Emits the files of each node. The shared egress resources are rendered to text once, when this
 * is made, and every node's files reuse that text.
 *
 * <p>Reasoning: on a mesh of a thousand nodes the egress side is most of every node's output and
 * identical on each; rendering it once makes a compile cost about one egress side plus the small
 * per-node rest.
 */
public final class MeshEmitter {
  private final SharedResources shared;
  private final Map<Message, String> rendered = new IdentityHashMap<>();

  public MeshEmitter(SharedResources shared) {
    this.shared = shared;
    shared.egressClusters().forEach(c -> rendered.put(c, YamlEmitter.resourceItem(c)));
    rendered.put(shared.egressRoutes(), YamlEmitter.resourceItem(shared.egressRoutes()));
  }

  public NodeFiles emit(NodeResources node) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put(NodeFiles.BOOTSTRAP, YamlEmitter.document(node.bootstrap()));
    node.dynamicFiles(shared)
        .forEach(
            (path, resources) -> {
              List<String> items = new ArrayList<>(resources.size());
              for (Message resource : resources) {
                String item = rendered.get(resource);
                items.add(item != null ? item : YamlEmitter.resourceItem(resource));
              }
              files.put(path, YamlEmitter.discoveryFile(items));
            });
    return new NodeFiles(node.node(), files, node.pemFiles());
  }
}
