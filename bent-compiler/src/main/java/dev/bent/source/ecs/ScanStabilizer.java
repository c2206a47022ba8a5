package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A safety valve over consecutive scans: it tells a fleet that changed from a scan that is wrong.
 *
 * <p>Each scan's mesh goes through {@link #apply} with the task ids the scan described and the ids
 * of tasks it found stopping or stopped (desiredStatus STOPPED). Against the mesh it returned last:
 *
 * <ol>
 *   <li>A node whose task has a stop record leaves at once, as does a node whose task is still
 *       described (it is then starting, unhealthy or stopping, and the scan says so).
 *   <li>A node whose task vanished (not described, no stop record) leaves at once too, unless the
 *       vanished nodes of one service are more than {@code maxVanishedShare} of that service's
 *       serving nodes. Those nodes are then kept as they were, with a warning, until they have been
 *       missing from {@code confirmations} consecutive scans; then they leave.
 *   <li>A node that is described again is no longer missing; its count starts over.
 * </ol>
 *
 * <p>Reasoning: ECS keeps a stopped task describable for at least an hour, so a task that stops
 * normally always has its record, and a scale-in leaves at the next scan. Tasks that vanish without
 * one, many at once, point to a scan that saw too little (a wrong cluster name, a permission
 * change, a sidecar whose scan sees only its own task). Holding them costs a few intervals of
 * routing to tasks that may be gone (which Envoy's health checks and retries absorb), where
 * believing the scan would take a whole service out of the mesh. Scale to zero, and an empty
 * cluster, are real once consecutive scans agree.
 */
public final class ScanStabilizer {
  /**
   * The valve's limits.
   *
   * @param maxVanishedShare the share of a service's serving nodes, 0 to 1, that may vanish at once;
   *     1 turns the valve off
   * @param confirmations how many consecutive scans must miss a held node before it leaves; 1 turns
   *     the valve off
   */
  public record Settings(double maxVanishedShare, int confirmations) {
    public Settings {
      if (!(maxVanishedShare >= 0 && maxVanishedShare <= 1)) {
        throw new IllegalArgumentException("the vanished share must be 0% to 100%, got " + maxVanishedShare);
      }
      if (confirmations < 1) {
        throw new IllegalArgumentException("the number of agreeing scans must be at least 1, got " + confirmations);
      }
    }

    /** Half of a service's nodes, three scans. */
    public static Settings defaults() {
      return new Settings(0.5, 3);
    }
  }

  private final Settings settings;
  private Map<String, NodeEntry> previous;
  private Map<String, ServiceEntry> previousServices = Map.of();
  private final Map<String, Integer> missing = new HashMap<>();
  private long heldScans;
  private int heldNodes;

  public ScanStabilizer(Settings settings) {
    this.settings = settings;
  }

  /**
   * The mesh to use for this scan: {@code scanned}, plus the nodes held back from vanishing.
   *
   * @param described the ids of every task the scan described, whatever its status
   * @param stopped the ids of tasks the scan found with desiredStatus STOPPED
   */
  public synchronized Mesh apply(Mesh scanned, Set<String> described, Set<String> stopped, Diagnostics diagnostics) {
    Map<String, NodeEntry> now = byName(scanned.nodes());
    missing.keySet().removeIf(name -> described.contains(name) || stopped.contains(name));
    List<NodeEntry> held = new ArrayList<>();
    if (previous != null) {
      Map<String, NodeEntry> vanished = new TreeMap<>();
      previous.forEach((name, node) -> {
        if (!now.containsKey(name) && !described.contains(name) && !stopped.contains(name)) {
          vanished.put(name, node);
        }
      });
      held = hold(vanished, scanned.origin(), diagnostics);
    }
    missing.keySet().retainAll(held.stream().map(NodeEntry::name).toList());
    heldNodes = held.size();
    if (!held.isEmpty()) {
      heldScans++;
    }
    Mesh out = held.isEmpty() ? scanned : withHeld(scanned, held);
    previous = byName(out.nodes());
    previousServices = new LinkedHashMap<>();
    out.services().forEach(s -> previousServices.put(s.name(), s));
    return out;
  }

  /** Scans in which at least one vanished node was held back. */
  public synchronized long heldScans() {
    return heldScans;
  }

  /** Nodes held back at the latest scan. */
  public synchronized int heldNodes() {
    return heldNodes;
  }

  private List<NodeEntry> hold(Map<String, NodeEntry> vanished, String origin, Diagnostics diagnostics) {
    Map<String, Integer> serving = new TreeMap<>();
    Map<String, Integer> gone = new TreeMap<>();
    previous.values().forEach(node -> served(node).forEach(s -> serving.merge(s, 1, Integer::sum)));
    vanished.values().forEach(node -> served(node).forEach(s -> gone.merge(s, 1, Integer::sum)));
    Set<String> tooMany = new TreeSet<>();
    gone.forEach((service, count) -> {
      if (count > settings.maxVanishedShare() * serving.get(service)) {
        tooMany.add(service);
      }
    });
    List<NodeEntry> held = new ArrayList<>();
    List<String> released = new ArrayList<>();
    int scans = 0;
    for (NodeEntry node : vanished.values()) {
      if (served(node).stream().noneMatch(tooMany::contains)) {
        continue;
      }
      int count = missing.merge(node.name(), 1, Integer::sum);
      scans = Math.max(scans, count);
      if (count < settings.confirmations()) {
        held.add(node);
      } else {
        released.add(node.name());
      }
    }
    Location at = Location.of(origin);
    if (!held.isEmpty()) {
      diagnostics.warning(at, held.size() + (held.size() == 1 ? " task" : " tasks")
          + " vanished from the scan without a stop record, more than "
          + Math.round(settings.maxVanishedShare() * 100) + "% of the nodes of " + describe(tooMany, serving, gone)
          + "; kept until " + settings.confirmations() + " consecutive scans agree (this is scan " + scans + "): "
          + names(held.stream().map(NodeEntry::name).toList()));
    }
    if (!released.isEmpty()) {
      diagnostics.warning(at, settings.confirmations() + " consecutive scans agree that "
          + released.size() + (released.size() == 1 ? " task is" : " tasks are") + " gone; removed: " + names(released));
    }
    return held;
  }

  private Mesh withHeld(Mesh scanned, List<NodeEntry> held) {
    List<NodeEntry> nodes = new ArrayList<>(scanned.nodes());
    nodes.addAll(held);
    nodes.sort(Comparator.comparing(NodeEntry::name));
    Map<String, ServiceEntry> services = new TreeMap<>();
    for (NodeEntry node : held) {
      for (String service : served(node)) {
        ServiceEntry wide = previousServices.get(service);
        if (wide != null) {
          services.put(service, wide);
        }
      }
    }
    scanned.services().forEach(s -> services.put(s.name(), s));
    return new Mesh(scanned.origin(), scanned.settings(), List.copyOf(services.values()), nodes);
  }

  private static Set<String> served(NodeEntry node) {
    Set<String> out = new TreeSet<>();
    node.services().stream().filter(s -> !s.endpoints().isEmpty()).forEach(s -> out.add(s.name()));
    return out;
  }

  private static String describe(Set<String> services, Map<String, Integer> serving, Map<String, Integer> gone) {
    List<String> parts = new ArrayList<>();
    services.forEach(s -> parts.add("\"" + s + "\" (" + gone.get(s) + " of " + serving.get(s) + ")"));
    return String.join(", ", parts);
  }

  private static String names(List<String> names) {
    int shown = Math.min(names.size(), 10);
    String list = String.join(", ", names.subList(0, shown));
    return names.size() > shown ? list + ", ... (" + (names.size() - shown) + " more)" : list;
  }

  private static Map<String, NodeEntry> byName(List<NodeEntry> nodes) {
    Map<String, NodeEntry> out = new LinkedHashMap<>();
    nodes.forEach(n -> out.put(n.name(), n));
    return out;
  }
}
