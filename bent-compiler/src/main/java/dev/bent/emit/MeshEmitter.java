package dev.bent.emit;

import com.google.protobuf.Message;
import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Emits the files of each node. The shared egress resources are rendered to text once, when this
 * is made, and every node's files reuse that text.
 *
 * <p>Reasoning: on a mesh of a thousand nodes the egress side is most of every node's output and
 * identical on each; rendering it once makes a compile cost about one egress side plus the small
 * per-node rest. A file that starts with the egress clusters continues from their bytes and digest
 * state ({@link RenderedItems}); the egress route file, the same for every node, is made once.
 */
public final class MeshEmitter {
  private final SharedResources shared;
  private final RenderedItems egressClusters;
  private final YamlEmitter.KeyedFile egressRouteFile;
  private final ItemCache cache;

  /** An emitter for the nodes of one compile. */
  public MeshEmitter(SharedResources shared) {
    this(shared, new ItemCache());
  }

  /**
   * An emitter for the nodes of one compile that takes the text of resources equal to ones the
   * previous compile emitted from {@code cache}, and leaves this compile's there.
   */
  public MeshEmitter(SharedResources shared, ItemCache cache) {
    this.shared = shared;
    this.cache = cache;
    this.egressClusters = RenderedItems.of(shared.egressClusters().stream().map(cache::resourceItem).toList());
    this.egressRouteFile =
        YamlEmitter.keyedDiscoveryFile(RenderedItems.NONE, List.of(cache.resourceItem(shared.egressRoutes())));
  }

  public NodeFiles emit(NodeResources node) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    TreeMap<String, byte[]> keys = new TreeMap<>();
    files.put(NodeFiles.BOOTSTRAP, cache.document(node.bootstrap()));
    node.dynamicFiles(shared)
        .forEach(
            (path, resources) -> {
              YamlEmitter.KeyedFile file = discoveryFile(resources);
              files.put(path, file.bytes());
              keys.put(path, file.key());
            });
    return new NodeFiles(node.node(), files, node.pemFiles(), keys);
  }

  private YamlEmitter.KeyedFile discoveryFile(List<? extends Message> resources) {
    if (resources.size() == 1 && resources.get(0) == shared.egressRoutes()) {
      return new YamlEmitter.KeyedFile(egressRouteFile.bytes().clone(), egressRouteFile.key());
    }
    RenderedItems head = startsWithEgressClusters(resources) ? egressClusters : RenderedItems.NONE;
    List<String> tail = new ArrayList<>(resources.size() - head.count());
    for (Message resource : resources.subList(head.count(), resources.size())) {
      tail.add(cache.resourceItem(resource));
    }
    return YamlEmitter.keyedDiscoveryFile(head, tail);
  }

  private boolean startsWithEgressClusters(List<? extends Message> resources) {
    List<? extends Message> egress = shared.egressClusters();
    if (egress.isEmpty() || resources.size() < egress.size()) {
      return false;
    }
    for (int i = 0; i < egress.size(); i++) {
      if (resources.get(i) != egress.get(i)) {
        return false;
      }
    }
    return true;
  }
}
