package dev.bent.source.ecs;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What an ECS scan looks at and which tasks receive traffic.
 *
 * <p>A task receives traffic when it passes both filters:
 *
 * <ul>
 *   <li>status: {@code desiredStatus} RUNNING and {@code lastStatus} RUNNING; with {@code
 *       includePending} also a task still starting (PROVISIONING, PENDING, ACTIVATING). A task
 *       being stopped (desiredStatus STOPPED) never receives traffic.
 *   <li>health: by default any {@code healthStatus} but UNHEALTHY (so HEALTHY and UNKNOWN, the
 *       status of a task without a health check); with {@code includeUnhealthy} any; with {@code
 *       healthyOnly} HEALTHY only. The two health options exclude each other.
 * </ul>
 *
 * <p>A task with desiredStatus RUNNING that does not receive traffic is still a node (its sidecar
 * gets its configuration), but serves nothing, so no other node routes to it.
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
 * @param healthyOnly whether only tasks whose healthStatus is HEALTHY receive traffic
 */
public record EcsOptions(
    List<String> clusters,
    Optional<String> region,
    Optional<URI> endpoint,
    boolean includeUnhealthy,
    boolean includePending,
    boolean strict,
    boolean healthyOnly) {
  public EcsOptions {
    clusters = List.copyOf(clusters);
    if (includeUnhealthy && healthyOnly) {
      throw new IllegalArgumentException("--healthy-only and --include-unhealthy exclude each other");
    }
  }

  /** Options with the default health filter (anything but UNHEALTHY). */
  public EcsOptions(
      List<String> clusters,
      Optional<String> region,
      Optional<URI> endpoint,
      boolean includeUnhealthy,
      boolean includePending,
      boolean strict) {
    this(clusters, region, endpoint, includeUnhealthy, includePending, strict, false);
  }

  /** Every cluster, default region and endpoint, only RUNNING tasks that are not UNHEALTHY. */
  public static EcsOptions defaults() {
    return new EcsOptions(List.of(), Optional.empty(), Optional.empty(), false, false, false, false);
  }

  /** The same options with {@code healthyOnly} set as given. */
  public EcsOptions withHealthyOnly(boolean healthyOnly) {
    return new EcsOptions(clusters, region, endpoint, includeUnhealthy, includePending, strict, healthyOnly);
  }
}
