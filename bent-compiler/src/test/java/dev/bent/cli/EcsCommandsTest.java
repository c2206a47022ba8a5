package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.ecs.TaskJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bent compile --source ecs and bent scan, through picocli, against a local ECS endpoint. */
class EcsCommandsTest {
  @TempDir Path temp;
  private FakeEcs ecs;
  private String echo;
  private String beta;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "envoy", Labels.of(),
        "app", Labels.of("envoy.service.beta.svc", "app:3000",
            "envoy.service.beta.svc.annotations.fault.inject", "",
            "envoy.service.beta.svc.annotations.fault.abort.percent", "5")));
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private CliRun run(String command, String... args) {
    String[] all = Stream.concat(
            Stream.of(command, "--source", "ecs", "--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString()),
            Stream.of(args))
        .toArray(String[]::new);
    return CliRun.of(all);
  }

  private void threeTasks() {
    ecs.addTask("prod", "c3", echo);
    ecs.addTask("prod", "a1", beta);
    ecs.addTask("stage", "b2", beta);
  }

  @Test
  void compileFromEcsWritesOneDirectoryPerTask() throws IOException {
    threeTasks();
    CliRun run = run("compile", "-o", temp.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.toString());
    for (String node : List.of("a1", "b2", "c3")) {
      String bootstrap = Files.readString(temp.resolve("out").resolve(node).resolve("bootstrap.yaml"));
      assertTrue(bootstrap.contains("id: " + node), bootstrap);
    }
    assertTrue(run.err().contains("bent: compiled 3 nodes into"), run.toString());
  }

  @Test
  void aScanCompilesOfflineToTheSameBytesAsTheLiveCompile() throws IOException {
    threeTasks();
    Path mesh = temp.resolve("mesh.yaml");
    CliRun scan = run("scan", "-o", mesh.toString());
    assertEquals(0, scan.exitCode(), scan.toString());
    assertTrue(scan.err().contains("3 nodes, 2 services"), scan.toString());
    String text = Files.readString(mesh);
    assertTrue(text.contains("  # " + FakeEcs.taskArn("prod", "a1") + " (beta:3)\n  \"a1\":\n"), text);
    assertTrue(text.contains("\"fault.abort.percent\": \"5\""), text);

    CliRun offline = CliRun.of("compile", "-c", mesh.toString(), "-o", temp.resolve("offline").toString(),
        "--envoy-dir", "/etc/envoy");
    assertEquals(0, offline.exitCode(), offline.toString());
    CliRun live = run("compile", "-o", temp.resolve("live").toString(), "--envoy-dir", "/etc/envoy");
    assertEquals(0, live.exitCode(), live.toString());
    Map<String, String> offlineFiles = files(temp.resolve("offline"));
    offlineFiles.remove(".bent.lock");
    offlineFiles.remove(".bent-nodes");
    assertEquals(3 * 5, offlineFiles.size(), offlineFiles.keySet().toString());
    Map<String, String> liveFiles = files(temp.resolve("live"));
    liveFiles.remove(".bent.lock");
    liveFiles.remove(".bent-nodes");
    assertEquals(offlineFiles, liveFiles);
  }

  @Test
  void theScanFileDoesNotDependOnTheOrderEcsListsTasksIn() throws IOException {
    threeTasks();
    CliRun first = run("scan", "-o", "-");
    ecs.close();
    ecs = new FakeEcs();
    echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "envoy", Labels.of(),
        "app", Labels.of("envoy.service.beta.svc.annotations.fault.abort.percent", "5",
            "envoy.service.beta.svc.annotations.fault.inject", "",
            "envoy.service.beta.svc", "app:3000")));
    TaskJson.withAddress(ecs.addTask("stage", "b2", beta), "10.0.0.4");
    TaskJson.withAddress(ecs.addTask("prod", "a1", beta), "10.0.0.3");
    TaskJson.withAddress(ecs.addTask("prod", "c3", echo), "10.0.0.2");
    CliRun second = run("scan", "-o", "-", "--cluster", "prod", "--cluster", "stage");
    assertEquals(0, second.exitCode(), second.toString());
    assertEquals(strip(first.out()), strip(second.out()));
  }

  /** The scan file without its comments (the header names the clusters, the ARNs the addresses). */
  private static String strip(String text) {
    return text.lines().filter(l -> !l.trim().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void aBadLabelIsAWarningAndWithStrictExitsTwoWritingNothing() throws IOException {
    String broken = ecs.addDefinition("broken", 2, "awsvpc", Labels.containers(
        "app", Labels.of("envoy.service.gamma.svc", "app:notaport")));
    ecs.addTask("prod", "g1", broken);
    ecs.addTask("prod", "a1", beta);
    Path mesh = temp.resolve("mesh.yaml");
    CliRun lenient = run("scan", "-o", mesh.toString());
    assertEquals(0, lenient.exitCode(), lenient.toString());
    String where = broken + " container app label envoy.service.gamma.svc";
    assertTrue(lenient.err().contains(where + ": warning: port must be an integer, got \"notaport\"; the label is ignored"),
        lenient.toString());

    Files.delete(mesh);
    CliRun strict = run("scan", "--strict", "-o", mesh.toString());
    assertEquals(2, strict.exitCode(), strict.toString());
    assertTrue(strict.err().contains(where + ": error: port must be an integer, got \"notaport\""), strict.toString());
    assertTrue(strict.err().contains("nothing was written"), strict.toString());
    assertFalse(Files.exists(mesh));
  }

  @Test
  void aScanThatFailsExitsOneAndLeavesTheOldFile() throws IOException {
    threeTasks();
    Path mesh = temp.resolve("mesh.yaml");
    Files.writeString(mesh, "nodes: {}\n");
    // More failures than any retry mode's default attempts: the SDK's settings decide the retries.
    for (int i = 0; i < 8; i++) {
      ecs.fail("DescribeTasks", 500, "ServerException");
    }
    CliRun run = run("scan", "--cluster", "prod", "-o", mesh.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("bent: ECS scan failed: DescribeTasks (cluster prod) failed:"), run.toString());
    assertEquals("nodes: {}\n", Files.readString(mesh));
    assertEquals(List.of("mesh.yaml"), list(temp));
  }

  @Test
  void healthOptionsAndValveLimitsAreCheckedBeforeAnyCall() {
    CliRun both = run("scan", "--healthy-only", "--include-unhealthy", "-o", "-");
    assertEquals(2, both.exitCode(), both.toString());
    assertTrue(both.err().contains("--healthy-only and --include-unhealthy exclude each other"), both.toString());
    CliRun share = run("scan", "--vanish-limit", "150%", "-o", "-");
    assertEquals(2, share.exitCode(), share.toString());
    assertTrue(share.err().contains("--vanish-limit must be a percentage from 0% to 100%, got \"150%\""),
        share.toString());
    CliRun scans = run("scan", "--vanish-scans", "0", "-o", "-");
    assertEquals(2, scans.exitCode(), scans.toString());
    assertTrue(scans.err().contains("--vanish-scans must be at least 1, got 0"), scans.toString());
    CliRun file = CliRun.of("compile", "-c", "mesh.yaml", "--healthy-only", "-o", temp.toString());
    assertEquals(2, file.exitCode(), file.toString());
    assertTrue(file.err().contains("--healthy-only need --source ecs"), file.toString());
    assertEquals(0, ecs.calls());
  }

  @Test
  void healthyOnlyScansOnlyHealthyTasksAsEndpoints() throws IOException {
    ecs.addTask("prod", "a1", beta);
    ecs.addTask("prod", "a2", beta).put("healthStatus", "UNKNOWN");
    Path mesh = temp.resolve("mesh.yaml");
    CliRun scan = run("scan", "--healthy-only", "-o", mesh.toString());
    assertEquals(0, scan.exitCode(), scan.toString());
    String text = Files.readString(mesh);
    assertTrue(text.contains("\"a2\":") && !text.contains("10.0.0.3"), text);
    assertTrue(text.contains("10.0.0.2"), text);
  }

  @Test
  void optionsThatDoNotFitTheSourceAreUsageErrors() {
    CliRun ecsWithFile = run("compile", "-c", "mesh.yaml", "-o", temp.toString());
    assertEquals(2, ecsWithFile.exitCode(), ecsWithFile.toString());
    assertTrue(ecsWithFile.err().contains("-c reads a mesh file; it does not go with --source ecs"));
    assertTrue(ecsWithFile.err().contains("Run 'bent compile --help' for usage."));

    CliRun clusterWithFile = CliRun.of("compile", "-c", "mesh.yaml", "--cluster", "prod", "-o", temp.toString());
    assertEquals(2, clusterWithFile.exitCode(), clusterWithFile.toString());
    assertTrue(clusterWithFile.err().contains("--cluster need --source ecs"), clusterWithFile.toString());

    CliRun unknown = CliRun.of("compile", "--source", "k8s", "-o", temp.toString());
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().contains("--source must be file or ecs, got \"k8s\""), unknown.toString());

    CliRun scanFile = CliRun.of("scan", "--source", "file", "-o", "x.yaml");
    assertEquals(2, scanFile.exitCode(), scanFile.toString());
    assertTrue(scanFile.err().contains("bent scan reads a live source: use --source ecs"), scanFile.toString());
    assertEquals(0, ecs.calls());
  }

  @Test
  void aNamedTaskThatIsStillStartingIsCompiled() throws IOException {
    ecs.addTask("prod", "a1", beta);
    ecs.addTask("prod", "boot", echo).put("lastStatus", "PENDING");
    CliRun run = run("compile", "--node", "boot", "-o", temp.resolve("boot").toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(Files.readString(temp.resolve("boot/bootstrap.yaml")).contains("id: boot"));
  }

  @Test
  void aTaskThatIsNotFoundIsAnErrorThatDoesNotListEveryTask() throws IOException {
    for (int i = 0; i < 30; i++) {
      ecs.addTask("prod", String.format("t%02d", i), beta);
    }
    CliRun run = run("compile", "--node", "t99", "-o", temp.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("error: no node named \"t99\" (did you mean \"t09\"?); nodes: t00, t01,"), run.toString());
    assertTrue(run.err().contains(", t19, ... (10 more)"), run.toString());
    assertFalse(Files.exists(temp.resolve("out")));
  }

  @Test
  void nodeAutoOutsideEcsIsAnEnvironmentError() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("ECS_CONTAINER_METADATA_URI_V4") == null);
    CliRun run = run("compile", "--node", "auto", "-o", temp.toString());
    assertEquals(1, run.exitCode(), run.toString());
    assertTrue(run.err().startsWith("bent: --node auto needs ECS_CONTAINER_METADATA_URI_V4"), run.toString());
    assertEquals(0, ecs.calls());
  }

  private static List<String> list(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Every visible file under {@code root} (symlinks followed, generation directories skipped). */
  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        String relative = root.relativize(p).toString();
        if (!relative.contains("..")) {
          out.put(relative, new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }
}
