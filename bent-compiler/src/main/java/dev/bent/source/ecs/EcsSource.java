package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.source.MeshSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS source: scans ECS clusters and turns their tasks and docker labels into a {@link Mesh}.
 * Keep one instance for repeated scans (watch mode): it remembers task definitions, so a rescan in
 * steady state only lists and describes tasks. One scan at a time: an instance is not thread-safe.
 *
 * <p>A scan that fails (network, permissions, throttling beyond the retries) throws {@link
 * IOException} naming the call; bad labels are reported into the diagnostics.
 */
public final class EcsSource implements MeshSource, AutoCloseable {
  private final EcsClient client;
  private final EcsOptions options;
  private final EcsScanner scanner;
  private final ScanStabilizer stabilizer;
  /** The tasks behind the nodes of the latest mesh, by id: where to look for a stop record. */
  private final Map<String, ScannedTask> known = new HashMap<>();

  private EcsSource(EcsClient client, EcsOptions options, ScanStabilizer.Settings settings) {
    this.client = client;
    this.options = options;
    this.scanner = new EcsScanner(client);
    this.stabilizer = new ScanStabilizer(settings);
  }

  /**
   * A source with a client built by {@link EcsClients#builder}.
   *
   * @throws IOException when the SDK cannot be set up, for example when no region is configured
   */
  public static EcsSource create(EcsOptions options) throws IOException {
    return create(options, ScanStabilizer.Settings.defaults());
  }

  /** As {@link #create(EcsOptions)}, with the given limits for tasks vanishing between scans. */
  public static EcsSource create(EcsOptions options, ScanStabilizer.Settings settings) throws IOException {
    try {
      return new EcsSource(EcsClients.builder(options).build(), options, settings);
    } catch (SdkException e) {
      throw new IOException("cannot set up the ECS client: " + e.getMessage()
          + " (set --region or AWS_REGION)", e);
    }
  }

  /** A source over a client the caller built (and closes, via {@link #close}). */
  public static EcsSource using(EcsClient client, EcsOptions options) {
    return using(client, options, ScanStabilizer.Settings.defaults());
  }

  /** As {@link #using(EcsClient, EcsOptions)}, with the given limits for vanishing tasks. */
  public static EcsSource using(EcsClient client, EcsOptions options, ScanStabilizer.Settings settings) {
    return new EcsSource(client, options, settings);
  }

  @Override
  public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException {
    EcsScanner.Snapshot snapshot;
    Set<String> stopped;
    try {
      snapshot = scanner.scan(options.clusters(), diagnostics);
      stopped = scanner.stopped(unlisted(snapshot));
    } catch (EcsScanner.ScanFailure e) {
      throw new IOException("ECS scan failed: " + e.getMessage(), e.getCause());
    } catch (SdkException e) {
      throw new IOException("ECS scan failed: " + e.getMessage(), e);
    }
    Mesh scanned = new TaskMeshBuilder(options, diagnostics).build(origin(snapshot), snapshot, wantedNodes);
    Set<String> described = new HashSet<>();
    snapshot.tasks().forEach(t -> described.add(t.id()));
    Mesh mesh = stabilizer.apply(scanned, described, stopped, diagnostics);
    snapshot.tasks().forEach(t -> known.put(t.id(), t));
    Set<String> nodes = new HashSet<>();
    mesh.nodes().forEach(n -> nodes.add(n.name()));
    known.keySet().retainAll(nodes);
    return mesh;
  }

  /** The safety valve between consecutive scans of this source, for its counters. */
  public ScanStabilizer stabilizer() {
    return stabilizer;
  }

  /** Tasks behind the latest mesh's nodes that this scan did not describe. */
  private List<ScannedTask> unlisted(EcsScanner.Snapshot snapshot) {
    Set<String> described = new HashSet<>();
    snapshot.tasks().forEach(t -> described.add(t.arn()));
    List<ScannedTask> out = new ArrayList<>();
    known.values().stream().filter(t -> !described.contains(t.arn())).forEach(out::add);
    return out;
  }

  /** How many task definitions are remembered between scans. */
  public int cachedDefinitions() {
    return scanner.cachedDefinitions();
  }

  private static String origin(EcsScanner.Snapshot snapshot) {
    if (snapshot.clusters().isEmpty()) {
      return "ecs scan (the account has no clusters in this region)";
    }
    return "ecs scan of " + (snapshot.clusters().size() == 1 ? "cluster " : "clusters ")
        + String.join(", ", snapshot.clusters().stream().map(EcsSource::clusterName).toList());
  }

  private static String clusterName(String cluster) {
    return cluster.substring(cluster.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    client.close();
  }
}
