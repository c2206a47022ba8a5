package dev.bent.source.ecs;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What an ECS scan looks at and which tasks receive traffic.
 *
 * @param clusters the clusters to scan, by name or ARN; empty for every cluster of the account and
 *     region (ListClusters)
 * @param region the AWS region; empty for the SDK's default chain (aws.region, AWS_REGION, the
 *     profile, instance metadata)
 * @param endpoint the ECS endpoint; empty for the SDK's default, which honours AWS_ENDPOINT_URL_ECS
 *     and AWS_ENDPOINT_URL
 * @param includeUnhealthy whether tasks whose healthStatus is UNHEALTHY still receive traffic
 * @param includePending whether tasks that are starting (PROVISIONING, PENDING, ACTIVATING) already
 *     receive traffic
 * @param strict whether a bad label fails the scan instead of being reported and ignored
 */
public record EcsOptions(
    List<String> clusters,
    Optional<String> region,
    Optional<URI> endpoint,
    boolean includeUnhealthy,
    boolean includePending,
    boolean strict) {
  public EcsOptions {
    clusters = List.copyOf(clusters);
  }

  /** Every cluster, default region and endpoint, only RUNNING tasks that are not UNHEALTHY. */
  public static EcsOptions defaults() {
    return new EcsOptions(List.of(), Optional.empty(), Optional.empty(), false, false, false);
  }
}
