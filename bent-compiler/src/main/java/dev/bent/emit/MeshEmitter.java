package dev.bent.emit;

import dev.bent.translate.NodeResources;
import dev.bent.translate.SharedResources;
import dev.bent.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Emits the files of each node. The shared egress resources are rendered to text once when this
 * is made, and every node's CDS and egress RDS reuse that text.
 */
public final class MeshEmitter {
  private final List<String> egressClusterItems;
  private final byte[] egressRoutes;

  public MeshEmitter(SharedResources shared) {
    List<String> items = new ArrayList<>();
    shared.egressClusters().forEach(c -> items.add(YamlEmitter.resourceItem(c)));
    this.egressClusterItems = List.copyOf(items);
    this.egressRoutes =
        YamlEmitter.discoveryFile(List.of(YamlEmitter.resourceItem(shared.egressRoutes())));
  }

  public NodeFiles emit(NodeResources node) {
    TreeMap<String, byte[]> files = new TreeMap<>();
    files.put(NodeFiles.BOOTSTRAP, YamlEmitter.document(node.bootstrap()));
    List<String> listeners = new ArrayList<>();
    node.listeners().forEach(l -> listeners.add(YamlEmitter.resourceItem(l)));
    files.put(NodeFiles.LDS, YamlEmitter.discoveryFile(listeners));
    List<String> clusters = new ArrayList<>(egressClusterItems);
    node.localClusters().forEach(c -> clusters.add(YamlEmitter.resourceItem(c)));
    files.put(NodeFiles.CDS, YamlEmitter.discoveryFile(clusters));
    files.put(rds(Translator.EGRESS), egressRoutes);
    files.put(
        rds(Translator.INGRESS),
        YamlEmitter.discoveryFile(List.of(YamlEmitter.resourceItem(node.ingressRoutes()))));
    return new NodeFiles(node.node(), files);
  }

  private static String rds(String name) {
    return NodeFiles.RDS_DIR + "/" + name + ".yaml";
  }
}
