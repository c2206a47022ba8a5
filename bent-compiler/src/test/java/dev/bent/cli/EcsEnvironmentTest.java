package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.ecs.MetadataServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bent as an init container would run it, in a child JVM whose environment is what ECS gives a
 * container: the endpoint from AWS_ENDPOINT_URL_ECS (read by the SDK itself, no --endpoint-url),
 * credentials and region from AWS_* variables, and the node from the task metadata endpoint.
 */
class EcsEnvironmentTest {
  @TempDir Path temp;

  @Test
  void compileNodeAutoWithTheStandardAwsVariables() throws Exception {
    try (FakeEcs ecs = new FakeEcs();
        MetadataServer metadata = new MetadataServer(200, MetadataServer.taskJson("prod", "self0001"))) {
      String echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
      ecs.addTask("prod", "self0001", echo).put("lastStatus", "ACTIVATING");
      ecs.addTask("prod", "peer0002", echo);
      Path out = temp.resolve("envoy");
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          Bent.class.getName(), "compile", "--source", "ecs", "--node", "auto", "-o", out.toString());
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ECS_"));
      env.put("AWS_ACCESS_KEY_ID", "AKIDBENTTEST");
      env.put("AWS_SECRET_ACCESS_KEY", "bent-test-secret");
      env.put("AWS_REGION", FakeEcs.REGION);
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_ENDPOINT_URL_ECS", ecs.endpoint().toString());
      env.put("ECS_CONTAINER_METADATA_URI_V4", metadata.base());
      builder.redirectErrorStream(true);
      Process process = builder.start();
      process.getOutputStream().close();
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "bent did not finish");
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), output);
      List<String> lines = output.lines().toList();
      assertEquals("bent: compiled 1 node into " + out + " (1 changed, 0 unchanged)", lines.get(lines.size() - 1));
      assertTrue(lines.stream().allMatch(l -> l.startsWith("bent: ") || l.contains(": warning: ")),
          "only bent's own lines, no logging noise:\n" + output);
      String bootstrap = Files.readString(out.resolve("bootstrap.yaml"));
      assertTrue(bootstrap.contains("id: self0001"), bootstrap);
      String cds = Files.readString(out.resolve("cds.yaml"));
      assertTrue(cds.contains("10.0.0.3"), "the running peer is an egress endpoint:\n" + cds);
      assertEquals(1, ecs.calls("ListClusters"));
      assertEquals(1, metadata.requests());
    }
  }
}
