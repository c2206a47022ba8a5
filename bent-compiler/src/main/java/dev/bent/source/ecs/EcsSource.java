package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.source.MeshSource;
import java.io.IOException;
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

  private EcsSource(EcsClient client, EcsOptions options) {
    this.client = client;
    this.options = options;
    this.scanner = new EcsScanner(client);
  }

  /**
   * A source with a client built by {@link EcsClients#builder}.
   *
   * @throws IOException when the SDK cannot be set up, for example when no region is configured
   */
  public static EcsSource create(EcsOptions options) throws IOException {
    try {
      return new EcsSource(EcsClients.builder(options).build(), options);
    } catch (SdkException e) {
      throw new IOException("cannot set up the ECS client: " + e.getMessage()
          + " (set --region or AWS_REGION)", e);
    }
  }

  /** A source over a client the caller built (and closes, via {@link #close}). */
  public static EcsSource using(EcsClient client, EcsOptions options) {
    return new EcsSource(client, options);
  }

  @Override
  public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException {
    EcsScanner.Snapshot snapshot;
    try {
      snapshot = scanner.scan(options.clusters(), diagnostics);
    } catch (EcsScanner.ScanFailure e) {
      throw new IOException("ECS scan failed: " + e.getMessage(), e.getCause());
    } catch (SdkException e) {
      throw new IOException("ECS scan failed: " + e.getMessage(), e);
    }
    return new TaskMeshBuilder(options, diagnostics).build(origin(snapshot), snapshot, wantedNodes);
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
