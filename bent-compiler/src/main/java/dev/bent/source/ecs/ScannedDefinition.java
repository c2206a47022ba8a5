package dev.bent.source.ecs;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One ECS task definition revision as a scan saw it (from DescribeTaskDefinition): its network mode
 * and the docker labels of each container definition. A revision never changes, so a scanner keeps
 * these by ARN.
 *
 * @param labels container name to its docker labels (sorted by key), in definition order
 */
record ScannedDefinition(
    String arn, String networkMode, Instant registeredAt, Map<String, Map<String, String>> labels) {
  ScannedDefinition {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    labels.forEach((c, l) -> copy.put(c, Collections.unmodifiableMap(new TreeMap<>(l))));
    labels = Collections.unmodifiableMap(copy);
  }

  /** Whether each task has its own network interface, so a container port is the task's port. */
  boolean awsvpc() {
    return "awsvpc".equals(networkMode);
  }
}
