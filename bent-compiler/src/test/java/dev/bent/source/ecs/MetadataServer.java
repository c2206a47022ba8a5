package dev.bent.source.ecs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A local ECS task metadata endpoint (v4) on 127.0.0.1: {@code GET <base>/task} answers the given
 * status and body. Its base URL is what the agent would put in ECS_CONTAINER_METADATA_URI_V4.
 */
public final class MetadataServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  private volatile String taskBody;

  public MetadataServer(int status, String taskBody) throws IOException {
    this.taskBody = taskBody;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v4/0f1e2d3c-container", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        boolean task = exchange.getRequestURI().getPath().equals("/v4/0f1e2d3c-container/task");
        byte[] body = (task ? this.taskBody : "{}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(task ? status : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  /** A task metadata answer as the agent gives it, for a task of cluster {@code cluster}. */
  public static String taskJson(String cluster, String id) {
    return "{\"Cluster\":\"" + FakeEcs.clusterArn(cluster) + "\",\"TaskARN\":\"" + FakeEcs.taskArn(cluster, id)
        + "\",\"Family\":\"echo\",\"Revision\":\"1\",\"DesiredStatus\":\"RUNNING\",\"KnownStatus\":\"RUNNING\","
        + "\"Containers\":[{\"Name\":\"echo\",\"Networks\":[{\"NetworkMode\":\"awsvpc\","
        + "\"IPv4Addresses\":[\"10.0.0.2\"]}]}],\"LaunchType\":\"FARGATE\"}";
  }

  /**
   * A task metadata answer for an awsvpc task at {@code address} whose containers carry the given
   * docker labels (container name to labels, as in {@link Labels#containers}).
   */
  public static String taskJson(String cluster, String id, String family, int revision, String knownStatus,
      String address, Map<String, Map<String, String>> labels) {
    ObjectNode task = JSON.createObjectNode();
    task.put("Cluster", FakeEcs.clusterArn(cluster)).put("TaskARN", FakeEcs.taskArn(cluster, id));
    task.put("Family", family).put("Revision", String.valueOf(revision));
    task.put("DesiredStatus", "RUNNING").put("KnownStatus", knownStatus).put("LaunchType", "FARGATE");
    ArrayNode containers = task.putArray("Containers");
    labels.forEach((name, dockerLabels) -> {
      ObjectNode container = containers.addObject().put("Name", name).put("KnownStatus", knownStatus);
      ObjectNode node = container.putObject("Labels");
      node.put("com.amazonaws.ecs.task-arn", FakeEcs.taskArn(cluster, id));
      dockerLabels.forEach(node::put);
      container.putArray("Networks").addObject().put("NetworkMode", "awsvpc")
          .putArray("IPv4Addresses").add(address);
    });
    return task.toString();
  }

  /** From now on, {@code /task} answers {@code body}. */
  public void answer(String body) {
    taskBody = body;
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v4/0f1e2d3c-container";
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
