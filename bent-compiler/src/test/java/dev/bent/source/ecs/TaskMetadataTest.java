package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --node auto: the task ARN from a local task metadata endpoint. */
class TaskMetadataTest {

  @Test
  void theNodeNameIsTheTaskIdOfTheMetadataTaskArn() throws IOException {
    try (MetadataServer server = new MetadataServer(200, MetadataServer.taskJson("prod", "9a8b7c6d5e4f"))) {
      Map<String, String> env = Map.of(TaskMetadata.ENV, server.base());
      assertEquals(FakeEcs.taskArn("prod", "9a8b7c6d5e4f"), TaskMetadata.taskArn(env));
      assertEquals("9a8b7c6d5e4f", TaskMetadata.nodeName(env));
      assertEquals(2, server.requests());
    }
  }

  @Test
  void outsideAnEcsTaskTheVariableIsMissing() {
    IOException e = assertThrows(IOException.class, () -> TaskMetadata.nodeName(Map.of()));
    assertTrue(e.getMessage().startsWith("--node auto needs ECS_CONTAINER_METADATA_URI_V4"), e.getMessage());
  }

  @Test
  void anErrorStatusIsReportedWithTheUrl() throws IOException {
    try (MetadataServer server = new MetadataServer(500, "oops")) {
      IOException e = assertThrows(IOException.class,
          () -> TaskMetadata.nodeName(Map.of(TaskMetadata.ENV, server.base())));
      assertEquals("the task metadata endpoint " + server.base() + "/task answered HTTP 500", e.getMessage());
    }
  }

  @Test
  void anAnswerWithoutTaskArnIsReported() throws IOException {
    try (MetadataServer server = new MetadataServer(200, "{\"Cluster\":\"prod\"}")) {
      IOException e = assertThrows(IOException.class,
          () -> TaskMetadata.nodeName(Map.of(TaskMetadata.ENV, server.base() + "/")));
      assertTrue(e.getMessage().endsWith("answered no TaskARN"), e.getMessage());
    }
  }

  @Test
  void anUnreachableEndpointIsAnIoError() throws IOException {
    // A socket bound to port 0 and not listening holds a port that no one else can take and that
    // refuses every connection, for as long as the test runs.
    try (Socket holder = new Socket()) {
      holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String base = "http://127.0.0.1:" + holder.getLocalPort() + "/v4/0f1e2d3c-container";
      IOException e = assertThrows(IOException.class, () -> TaskMetadata.nodeName(Map.of(TaskMetadata.ENV, base)));
      assertTrue(e.getMessage().startsWith("cannot reach the task metadata endpoint"), e.getMessage());
    }
  }
}
