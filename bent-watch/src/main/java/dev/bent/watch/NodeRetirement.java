package dev.bent.watch;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides when the directory of a node that left the mesh is removed, for a watch that writes every
 * node: a node absent from every publish for {@code grace} is retired.
 *
 * <p>After each successful publish, {@link #due} gets the nodes just published and the node
 * directories bent owns (its manifest; never anything bent did not write), and returns those to
 * remove now. A node that comes back before its grace period ends starts over.
 *
 * <p>Reasoning: the grace period lets a task that is stopping drain (its Envoy may still be
 * serving from that directory) and rides out a source that misses a node for a few scans; a
 * directory bent keeps a little longer costs only disk.
 */
final class NodeRetirement {
  /** The default grace period: ten minutes. */
  static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

  /** Removes one node directory that bent owns. */
  @FunctionalInterface
  interface Remover {
    void remove(String node) throws IOException;
  }

  private final Duration grace;
  private final Clock clock;
  private final Map<String, Instant> absentSince = new HashMap<>();

  NodeRetirement(Duration grace, Clock clock) {
    this.grace = grace;
    this.clock = clock;
  }

  /** The owned nodes, absent from {@code published} for the whole grace period, in name order. */
  List<String> due(Set<String> published, Set<String> owned) {
    Instant now = clock.instant();
    absentSince.keySet().removeIf(node -> published.contains(node) || !owned.contains(node));
    List<String> out = new ArrayList<>();
    for (String node : new TreeSet<>(owned)) {
      if (published.contains(node)) {
        continue;
      }
      Instant since = absentSince.computeIfAbsent(node, n -> now);
      if (!now.isBefore(since.plus(grace))) {
        out.add(node);
      }
    }
    return out;
  }

  /** Forgets {@code node} once its directory is removed. */
  void retired(String node) {
    absentSince.remove(node);
  }

  /** How many owned nodes are waiting out their grace period. */
  int waiting() {
    return absentSince.size();
  }
}
