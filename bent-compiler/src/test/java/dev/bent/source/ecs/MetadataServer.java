package dev.bent.source.ecs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local ECS task metadata endpoint (v4) on 127.0.0.1: {@code GET <base>/task} answers the given
 * status and body. Its base URL is what the agent would put in ECS_CONTAINER_METADATA_URI_V4.
 */
public final class MetadataServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  public MetadataServer(int status, String taskBody) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v4/0f1e2d3c-container", exchange -> {
      try (exchange) {
        requests.incrementAndGet();
        boolean task = exchange.getRequestURI().getPath().equals("/v4/0f1e2d3c-container/task");
        byte[] body = (task ? taskBody : "{}").getBytes(StandardCharsets.UTF_8);
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
