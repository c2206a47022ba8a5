package dev.bent.source.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * A local ECS endpoint on 127.0.0.1 that speaks the service's JSON protocol (POST /, X-Amz-Target
 * AmazonEC2ContainerServiceV20141113.Operation, application/x-amz-json-1.1), so tests drive the real
 * SDK client. It pages ListClusters and ListTasks by maxResults, rejects DescribeTasks of more than
 * 100 tasks as ECS does, counts every call, and answers queued faults before the real answer.
 */
public final class FakeEcs implements AutoCloseable {
  static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
  public static final String REGION = "us-east-1";
  static final String ACCOUNT = "123456789012";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, List<ObjectNode>> tasksByCluster = new LinkedHashMap<>();
  private final Map<String, ObjectNode> definitions = new LinkedHashMap<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Set<String> missing = new HashSet<>();
  private final Map<String, Duration> stalls = new ConcurrentHashMap<>();
  private int nextAddress = 1;

  /** An error answer queued for one call. */
  private record Fault(int status, String type) {}

  public FakeEcs() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public static String clusterArn(String name) {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + name;
  }

  public static String taskArn(String cluster, String id) {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task/" + cluster + "/" + id;
  }

  public static String definitionArn(String family, int revision) {
    return "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task-definition/" + family + ":" + revision;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Options that point at this server, for the given clusters (empty: ListClusters). */
  public EcsOptions options(String... clusters) {
    return new EcsOptions(List.of(clusters), Optional.of(REGION), Optional.of(endpoint()), false, false, false);
  }

  /** A real SDK client for this server: fake static credentials, standard retries, fast backoff. */
  public EcsClient client(EcsOptions options) {
    BackoffStrategy fast = BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(2));
    EcsClientBuilder builder = EcsClients.builder(options);
    return builder
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")))
        .overrideConfiguration(builder.overrideConfiguration().toBuilder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(fast).throttlingBackoffStrategy(fast).build()).build())
        .build();
  }

  /** Registers a task definition; labels are container name to docker labels, in order. */
  public synchronized String addDefinition(String family, int revision, String networkMode, Map<String, Map<String, String>> labels) {
    String arn = definitionArn(family, revision);
    ObjectNode definition = JSON.createObjectNode();
    definition.put("taskDefinitionArn", arn).put("family", family).put("revision", revision);
    definition.put("networkMode", networkMode).put("status", "ACTIVE");
    definition.put("registeredAt", 1_700_000_000L + revision * 60L);
    ArrayNode containers = definition.putArray("containerDefinitions");
    labels.forEach((name, dockerLabels) -> {
      ObjectNode container = containers.addObject().put("name", name).put("image", "example/" + name);
      ObjectNode node = container.putObject("dockerLabels");
      dockerLabels.forEach(node::put);
    });
    definitions.put(arn, definition);
    return arn;
  }

  /**
   * Adds a RUNNING, HEALTHY task of {@code definitionArn} to {@code cluster}, with a fresh private
   * address in awsvpc mode; the returned JSON may be changed before a scan (see {@link TaskJson}).
   */
  public synchronized ObjectNode addTask(String cluster, String id, String definitionArn) {
    String address = "10.0." + (nextAddress / 250) + "." + (nextAddress % 250 + 1);
    nextAddress++;
    ObjectNode task = TaskJson.task(cluster, id, definitions.get(definitionArn), address);
    tasksByCluster.computeIfAbsent(clusterArn(cluster), k -> new ArrayList<>()).add(task);
    return task;
  }

  /** An empty cluster, listed by ListClusters. */
  public synchronized void addCluster(String cluster) {
    tasksByCluster.computeIfAbsent(clusterArn(cluster), k -> new ArrayList<>());
  }

  /**
   * Stops a task as ECS does: desiredStatus and lastStatus STOPPED. ListTasks no longer lists it
   * (unless asked for desiredStatus STOPPED); DescribeTasks still describes it.
   */
  public synchronized void stopTask(String cluster, String id) {
    for (ObjectNode task : tasksByCluster.get(clusterArn(cluster))) {
      if (task.path("taskArn").asText().equals(taskArn(cluster, id))) {
        task.put("desiredStatus", "STOPPED").put("lastStatus", "STOPPED");
      }
    }
  }

  /** Every call of {@code operation} waits this long before it answers (0: no wait). */
  public void stall(String operation, Duration delay) {
    stalls.put(operation, delay);
  }

  /** Removes a task without a trace: neither listed nor described (MISSING). */
  public synchronized void removeTask(String cluster, String id) {
    tasksByCluster.get(clusterArn(cluster)).removeIf(t -> t.path("taskArn").asText().equals(taskArn(cluster, id)));
  }

  /** Changes a task's JSON (see {@link TaskJson}) while no call is being answered. */
  public synchronized void update(String cluster, String id, java.util.function.Consumer<ObjectNode> change) {
    for (ObjectNode task : tasksByCluster.get(clusterArn(cluster))) {
      if (task.path("taskArn").asText().equals(taskArn(cluster, id))) {
        change.accept(task);
      }
    }
  }

  /** The next call of {@code operation} answers {@code status} with error {@code type}. */
  public synchronized void fail(String operation, int status, String type) {
    faults.computeIfAbsent(operation, k -> new ArrayDeque<>()).add(new Fault(status, type));
  }

  /** DescribeTasks reports this task under failures (reason MISSING) instead of describing it. */
  public void describeAsMissing(String taskArn) {
    missing.add(taskArn);
  }

  public int calls(String operation) {
    AtomicInteger count = calls.get(operation);
    return count == null ? 0 : count.get();
  }

  public int calls() {
    return calls.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public void resetCalls() {
    calls.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
      if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(PREFIX)) {
        send(exchange, 400, error("UnknownOperationException", "not an ECS JSON request"));
        return;
      }
      String operation = target.substring(PREFIX.length());
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      Duration stall = stalls.getOrDefault(operation, Duration.ZERO);
      if (!stall.isZero()) {
        try {
          Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Fault fault;
      ObjectNode answer;
      synchronized (this) {
        Deque<Fault> queued = faults.get(operation);
        fault = queued == null ? null : queued.poll();
        answer = fault == null ? answer(operation, request) : null;
      }
      if (fault != null) {
        send(exchange, fault.status(), error(fault.type(), "injected fault"));
        return;
      }
      send(exchange, answer.has("__type") ? 400 : 200, answer);
    }
  }

  private ObjectNode answer(String operation, JsonNode request) {
    return switch (operation) {
      case "ListClusters" -> page(List.copyOf(tasksByCluster.keySet()), request, "clusterArns");
      case "ListTasks" -> listTasks(request);
      case "DescribeTasks" -> describeTasks(request);
      case "DescribeTaskDefinition" -> describeDefinition(request);
      default -> error("UnknownOperationException", operation);
    };
  }

  private ObjectNode listTasks(JsonNode request) {
    List<ObjectNode> tasks = cluster(request.path("cluster").asText("default"));
    if (tasks == null) {
      return error("ClusterNotFoundException", "Cluster not found.");
    }
    String desired = request.path("desiredStatus").asText("RUNNING");
    return page(tasks.stream().filter(t -> t.path("desiredStatus").asText().equals(desired))
        .map(t -> t.path("taskArn").asText()).toList(), request, "taskArns");
  }

  private ObjectNode describeTasks(JsonNode request) {
    List<ObjectNode> tasks = cluster(request.path("cluster").asText("default"));
    if (tasks == null) {
      return error("ClusterNotFoundException", "Cluster not found.");
    }
    if (request.path("tasks").size() > 100) {
      return error("InvalidParameterException", "Tasks cannot be longer than 100.");
    }
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode described = answer.putArray("tasks");
    ArrayNode failures = answer.putArray("failures");
    for (JsonNode arn : request.path("tasks")) {
      Optional<ObjectNode> task = tasks.stream()
          .filter(t -> t.path("taskArn").asText().equals(arn.asText())).findFirst();
      if (task.isEmpty() || missing.contains(arn.asText())) {
        failures.addObject().put("arn", arn.asText()).put("reason", "MISSING");
      } else {
        described.add(task.get());
      }
    }
    return answer;
  }

  private ObjectNode describeDefinition(JsonNode request) {
    ObjectNode definition = definitions.get(request.path("taskDefinition").asText());
    if (definition == null) {
      return error("ClientException", "Unable to describe task definition.");
    }
    ObjectNode answer = JSON.createObjectNode();
    answer.set("taskDefinition", definition);
    return answer;
  }

  private List<ObjectNode> cluster(String nameOrArn) {
    return tasksByCluster.get(nameOrArn.startsWith("arn:") ? nameOrArn : clusterArn(nameOrArn));
  }

  private static ObjectNode page(List<String> all, JsonNode request, String field) {
    int size = request.path("maxResults").asInt(100);
    int from = request.has("nextToken") ? Integer.parseInt(request.path("nextToken").asText().substring(5)) : 0;
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode items = answer.putArray(field);
    all.subList(from, Math.min(all.size(), from + size)).forEach(items::add);
    if (from + size < all.size()) {
      answer.put("nextToken", "page-" + (from + size));
    }
    return answer;
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + System.nanoTime());
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
