package dev.bent.watch;

import dev.bent.write.NodeDirectories;
import java.io.IOException;
import java.nio.file.Path;
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
 * <p>After each successful publish, {@link #retire} compares the nodes just published with the
 * node directories bent owns there (its {@code .bent-nodes} manifest, {@link NodeDirectories}:
 * never anything bent did not write) and removes those whose node has been absent from every
 * publish for the whole grace period. A node that comes back before then starts over.
 *
 * <p>Reasoning: the grace period lets a task that is stopping drain (its Envoy may still be
 * serving from that directory) and rides out a source that misses a node for a few scans; a
 * directory bent keeps a little longer costs only disk.
 */
final class NodeRetirement {
  /** The default grace period: ten minutes. */
  static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

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

  /**
   * After a publish of every node into {@code output}: removes the node directories bent owns
   * there ({@link NodeDirectories}) whose nodes have been absent for the grace period; returns
   * their names.
   */
  List<String> retire(Set<String> published, Path output) throws IOException {
    NodeDirectories directories = NodeDirectories.of(output, NodeDirectories.Kind.GENERATIONS);
    List<String> removed = new ArrayList<>();
    for (String node : due(published, directories.owned())) {
      directories.remove(node);
      retired(node);
      removed.add(node);
    }
    return removed;
  }

  Duration grace() {
    return grace;
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
