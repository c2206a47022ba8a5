package dev.bent.source.ecs;

import dev.bent.diag.Diagnostics;
import dev.bent.diag.Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Reads the tasks of ECS clusters and their task definitions, with as few calls as the API allows.
 *
 * <p>One scan makes, in this order: ListClusters (only when no cluster is named; one call per 100
 * clusters), ListTasks per cluster (one call per 100 tasks, at least one), DescribeTasks per
 * cluster (one call per 100 tasks), and DescribeTaskDefinition once per task-definition revision
 * this scanner has not seen before. Reasoning: a revision is immutable, so it is kept by ARN for
 * the life of the scanner (pruned to the revisions still in use after each scan), and a rescan in
 * steady state makes no DescribeTaskDefinition call at all.
 *
 * <p>{@code failures} in a DescribeTasks answer are reported as warnings. A call that still fails
 * after the SDK's retries ends the scan with a {@link ScanFailure}.
 */
final class EcsScanner {
  static final int PAGE = 100;

  /** What one scan saw: the tasks of every cluster and the definitions they run. */
  record Snapshot(List<String> clusters, List<ScannedTask> tasks, Map<String, ScannedDefinition> definitions) {}

  /** A call that failed after retries; the message says which call. */
  static final class ScanFailure extends RuntimeException {
    ScanFailure(String call, SdkException cause) {
      super(call + " failed: " + cause.getMessage(), cause);
    }
  }

  private final EcsClient client;
  private final Map<String, ScannedDefinition> definitions = new HashMap<>();

  EcsScanner(EcsClient client) {
    this.client = client;
  }

  Snapshot scan(List<String> named, Diagnostics diagnostics) {
    List<String> clusters = named.isEmpty() ? listClusters() : named;
    List<ScannedTask> tasks = new ArrayList<>();
    for (String cluster : clusters) {
      List<String> arns = listTasks(cluster);
      for (int i = 0; i < arns.size(); i += PAGE) {
        tasks.addAll(describeTasks(cluster, arns.subList(i, Math.min(arns.size(), i + PAGE)), diagnostics));
      }
    }
    Set<String> inUse = new LinkedHashSet<>();
    tasks.forEach(t -> inUse.add(t.definitionArn()));
    Map<String, ScannedDefinition> used = new LinkedHashMap<>();
    for (String arn : inUse) {
      used.put(arn, definitions.computeIfAbsent(arn, this::describeDefinition));
    }
    definitions.keySet().retainAll(inUse);
    return new Snapshot(List.copyOf(clusters), List.copyOf(tasks), Collections.unmodifiableMap(used));
  }

  /**
   * The ids of those of {@code tasks} (which a scan no longer listed) that ECS describes with
   * desiredStatus STOPPED: tasks being stopped or stopped, as opposed to tasks that vanished. One
   * DescribeTasks call per cluster and 100 tasks.
   */
  Set<String> stopped(List<ScannedTask> tasks) {
    Map<String, List<String>> byCluster = new TreeMap<>();
    tasks.forEach(t -> byCluster.computeIfAbsent(t.clusterArn(), c -> new ArrayList<>()).add(t.arn()));
    Set<String> out = new LinkedHashSet<>();
    byCluster.forEach((cluster, arns) -> {
      for (int i = 0; i < arns.size(); i += PAGE) {
        List<String> page = arns.subList(i, Math.min(arns.size(), i + PAGE));
        DescribeTasksResponse response = call("DescribeTasks (cluster " + cluster + ", tasks no longer listed)",
            () -> client.describeTasks(r -> r.cluster(cluster).tasks(page)));
        response.tasks().stream()
            .filter(t -> "STOPPED".equals(t.desiredStatus()) || "STOPPED".equals(t.lastStatus()))
            .forEach(t -> out.add(task(t).id()));
      }
    });
    return out;
  }

  /** How many task definitions the scanner holds: those in use at the last scan. */
  int cachedDefinitions() {
    return definitions.size();
  }

  private List<String> listClusters() {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListClustersResponse page =
          call("ListClusters", () -> client.listClusters(r -> r.maxResults(PAGE).nextToken(next)));
      out.addAll(page.clusterArns());
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  private List<String> listTasks(String cluster) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String next = token;
      ListTasksResponse page = call("ListTasks (cluster " + cluster + ")",
          () -> client.listTasks(r -> r.cluster(cluster).maxResults(PAGE).nextToken(next)));
      out.addAll(page.taskArns());
      token = page.nextToken();
    } while (token != null);
    return out;
  }

  private List<ScannedTask> describeTasks(String cluster, List<String> arns, Diagnostics diagnostics) {
    DescribeTasksResponse response = call("DescribeTasks (cluster " + cluster + ")",
        () -> client.describeTasks(r -> r.cluster(cluster).tasks(arns)));
    for (Failure failure : response.failures()) {
      diagnostics.warning(
          Location.of(failure.arn() == null ? cluster : failure.arn()),
          "DescribeTasks could not describe this task: " + failure.reason()
              + (failure.detail() == null ? "" : " (" + failure.detail() + ")") + "; it is left out");
    }
    return response.tasks().stream().map(EcsScanner::task).toList();
  }

  private ScannedDefinition describeDefinition(String arn) {
    TaskDefinition definition = call("DescribeTaskDefinition (" + arn + ")",
        () -> client.describeTaskDefinition(r -> r.taskDefinition(arn))).taskDefinition();
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    for (ContainerDefinition container : definition.containerDefinitions()) {
      labels.put(container.name(), container.dockerLabels());
    }
    String mode = definition.networkModeAsString() == null ? "bridge" : definition.networkModeAsString();
    Instant registered = definition.registeredAt() == null ? Instant.EPOCH : definition.registeredAt();
    return new ScannedDefinition(arn, mode, registered, labels);
  }

  private static ScannedTask task(Task task) {
    List<ScannedTask.Container> containers = new ArrayList<>();
    for (software.amazon.awssdk.services.ecs.model.Container c : task.containers()) {
      List<String> addresses = c.networkInterfaces().stream()
          .map(NetworkInterface::privateIpv4Address).filter(a -> a != null && !a.isEmpty()).toList();
      List<ScannedTask.PortBinding> bindings = new ArrayList<>();
      for (NetworkBinding b : c.networkBindings()) {
        if (b.containerPort() != null && b.hostPort() != null) {
          bindings.add(new ScannedTask.PortBinding(b.bindIP(), b.containerPort(), b.hostPort(), b.protocolAsString()));
        }
      }
      containers.add(new ScannedTask.Container(c.name(), addresses, bindings));
    }
    List<String> eni = new ArrayList<>();
    for (Attachment attachment : task.attachments()) {
      if ("ElasticNetworkInterface".equals(attachment.type())) {
        for (KeyValuePair detail : attachment.details()) {
          if ("privateIPv4Address".equals(detail.name()) && detail.value() != null) {
            eni.add(detail.value());
          }
        }
      }
    }
    return new ScannedTask(task.taskArn(), task.clusterArn(), task.taskDefinitionArn(), task.desiredStatus(), task.lastStatus(),
        task.healthStatusAsString(), containers, eni);
  }

  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new ScanFailure(what, e);
    }
  }
}
