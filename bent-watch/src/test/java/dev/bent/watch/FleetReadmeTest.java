package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bent.resolve.Credentials;
import dev.bent.source.ScanFilter;
import dev.bent.source.SnapshotScanner;
import dev.bent.source.SnapshotTarget.Publication;
import dev.bent.source.ecs.EcsOptions;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.s3.LocalS3;
import dev.bent.source.s3.S3Location;
import dev.bent.source.s3.S3MeshSource;
import dev.bent.source.s3.S3SnapshotTarget;
import dev.bent.source.s3.S3Snapshots;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The README's "Running on ECS at scale" is true: its task definitions parse and their bent
 * commands are valid, and every ECS and S3 action that the local ECS and S3 saw each role take is
 * allowed by that role's policy in the README (the local S3 also refuses any other action).
 */
class FleetReadmeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path README = Path.of(System.getProperty("bent.projectRoot", "..")).resolve("README.md");

  /** The JSON block that follows {@code <!-- marker -->} in the README. */
  private static JsonNode block(String marker) throws Exception {
    String readme = Files.readString(README);
    Matcher m = Pattern.compile("<!-- " + Pattern.quote(marker) + " -->\\s*```json\\n(.*?)```", Pattern.DOTALL)
        .matcher(readme);
    assertTrue(m.find(), "README.md has no JSON block marked " + marker);
    return JSON.readTree(m.group(1));
  }

  /** The actions that a policy's Allow statements grant. */
  private static Set<String> actions(JsonNode policy) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      assertEquals("Allow", statement.get("Effect").asText());
      JsonNode action = statement.get("Action");
      if (action.isArray()) {
        action.forEach(a -> actions.add(a.asText()));
      } else {
        actions.add(action.asText());
      }
    }
    return actions;
  }

  private static Set<String> only(Set<String> actions, String prefix) {
    Set<String> out = new TreeSet<>();
    actions.stream().filter(a -> a.startsWith(prefix)).forEach(out::add);
    return out;
  }

  /** Every ECS operation the fake answered, as IAM actions, found from the SDK's list of operations. */
  private static Set<String> ecsActions(FakeEcs ecs) {
    Set<String> seen = new TreeSet<>();
    for (Method method : EcsClient.class.getMethods()) {
      String operation = Character.toUpperCase(method.getName().charAt(0)) + method.getName().substring(1);
      if (ecs.calls(operation) > 0) {
        seen.add("ecs:" + operation);
      }
    }
    return seen;
  }

  @Test
  void theTaskDefinitionsParseAndTheirBentCommandsAreValid() throws Exception {
    List<String> commands = new ArrayList<>();
    for (String marker : List.of("task-definition: scanner", "task-definition: app")) {
      JsonNode definition = block(marker);
      Set<String> names = new TreeSet<>();
      definition.get("containerDefinitions").forEach(c -> names.add(c.get("name").asText()));
      for (JsonNode container : definition.get("containerDefinitions")) {
        for (JsonNode dependency : container.path("dependsOn")) {
          assertTrue(names.contains(dependency.get("containerName").asText()), marker + ": " + dependency);
        }
        if (!container.get("image").asText().contains("bent")) {
          continue;
        }
        List<String> args = new ArrayList<>();
        container.get("command").forEach(a -> args.add(a.asText()));
        Main.commandLine().parseArgs(args.toArray(String[]::new));
        commands.add(String.join(" ", args));
      }
    }
    assertEquals(3, commands.size(), commands.toString());
    assertTrue(commands.get(0).startsWith("scan --source ecs") && commands.get(0).contains("--watch"), commands.get(0));
  }

  @Test
  void everyActionEachRoleTookIsInItsReadmePolicy() throws Exception {
    Set<String> scannerPolicy = actions(block("iam: scanner"));
    Set<String> sidecarPolicy = actions(block("iam: sidecar"));
    S3Location snapshot = S3Location.parse("s3://example-mesh/prod/mesh.yaml").orElseThrow();
    String resource = block("iam: sidecar").get("Statement").get(0).get("Resource").asText();
    assertEquals("arn:aws:s3:::" + snapshot.bucket() + "/" + snapshot.key(), resource);

    try (LocalS3 s3 = LocalS3.start(); FakeEcs ecs = new FakeEcs()) {
      s3.createBucket(snapshot.bucket());
      s3.restrict("scanner", only(scannerPolicy, "s3:"));
      s3.restrict("sidecar", only(sidecarPolicy, "s3:"));
      String beta = ecs.addDefinition("beta", 1, "awsvpc",
          Labels.containers("envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "a1", beta);

      // A sidecar that starts before the first snapshot, then sees it, then polls it unchanged.
      try (S3MeshSource sidecar = new S3MeshSource(S3Snapshots.create(s3.settings("sidecar")), snapshot)) {
        assertEquals(S3MeshSource.Poll.MISSING, sidecar.poll());
        for (int run = 0; run < 2; run++) {
          // a scanner, then a restarted one: publish, unchanged, and a change
          EcsOptions options = ecs.options();
          try (EcsSource source = EcsSource.using(ecs.client(options), options);
              S3SnapshotTarget target = new S3SnapshotTarget(S3Snapshots.create(s3.settings("scanner")), snapshot)) {
            SnapshotScanner scanner = new SnapshotScanner(source, ScanFilter.none(),
                new Credentials(Path.of("."), System::getenv), Clock.systemUTC());
            Publication first = SnapshotScanner.publish(scanner.scan(), target);
            assertEquals(run == 0 ? Publication.PUBLISHED : Publication.UNCHANGED, first);
            ecs.addTask("prod", "b" + run, beta);
            assertEquals(Publication.PUBLISHED, SnapshotScanner.publish(scanner.scan(), target));
          }
        }
        assertEquals(S3MeshSource.Poll.CHANGED, sidecar.poll());
        assertEquals(S3MeshSource.Poll.UNCHANGED, sidecar.poll());
        assertFalse(sidecar.read(Set.of(), new dev.bent.diag.Diagnostics()).nodes().isEmpty());
      }

      Set<String> scannerSeen = new TreeSet<>(ecsActions(ecs));
      scannerSeen.addAll(s3.observed("scanner"));
      assertTrue(scannerSeen.containsAll(Set.of("ecs:ListClusters", "ecs:DescribeTasks", "s3:PutObject")), scannerSeen.toString());
      assertTrue(scannerPolicy.containsAll(scannerSeen), "scanner took " + scannerSeen + ", README allows " + scannerPolicy);
      Set<String> sidecarSeen = s3.observed("sidecar");
      assertEquals(Set.of("s3:GetObject"), sidecarSeen);
      assertTrue(sidecarPolicy.containsAll(sidecarSeen), "sidecar took " + sidecarSeen + ", README allows " + sidecarPolicy);
    }
  }
}
