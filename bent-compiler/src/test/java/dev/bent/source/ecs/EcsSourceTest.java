package dev.bent.source.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.model.EndpointEntry;
import dev.bent.model.Mesh;
import dev.bent.model.NodeEntry;
import dev.bent.model.ServiceEntry;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ECS source against a local ECS endpoint, through the real SDK client. */
class EcsSourceTest {
  private FakeEcs ecs;
  private String echo;
  private String beta;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
    echo = ecs.addDefinition("echo", 1, "awsvpc", Labels.seedEcho());
    beta = ecs.addDefinition("beta", 3, "awsvpc", Labels.containers(
        "app", Labels.of("envoy.service.beta.svc", "app:3000",
            "envoy.service.beta.svc.annotations.endpoint.weight", "5")));
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private EcsSource source(EcsOptions options) {
    return EcsSource.using(ecs.client(options), options);
  }

  private static NodeEntry node(Mesh mesh, String name) {
    return mesh.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void seedLabelsBecomeANodeServingTheServiceAtTheTaskAddress() throws IOException {
    ecs.addTask("prod", "a1", echo);
    try (EcsSource source = source(ecs.options())) {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(Set.of(), diagnostics);
      assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
      NodeEntry node = node(mesh, "a1");
      assertEquals(FakeEcs.taskArn("prod", "a1") + " (echo:1)", node.location().origin());
      ServiceEntry service = node.services().get(0);
      assertEquals("echo.alpha", service.name());
      EndpointEntry endpoint = service.endpoints().get(0);
      assertEquals("10.0.0.2", endpoint.address());
      assertEquals(3000, endpoint.port());
      ServiceEntry wide = mesh.services().get(0);
      assertEquals("echo.alpha", wide.name());
      assertEquals(List.of("enable-retry", "healthcheck.path", "num-retries"),
          wide.annotations().stream().map(a -> a.key()).toList());
      assertTrue(wide.endpoints().isEmpty(), "sidecars stay derived from the nodes");
    }
  }

  @Test
  void manyTasksArePagedAndBatchedAndARescanMakesNoDefinitionCall() throws IOException {
    int[] sizes = {120, 100, 40, 0};
    String[] names = {"prod", "stage", "dev", "empty"};
    for (int c = 0; c < names.length; c++) {
      ecs.addCluster(names[c]);
      for (int i = 0; i < sizes[c]; i++) {
        ecs.addTask(names[c], String.format("%s%04d", names[c], i), i % 3 == 0 ? beta : echo);
      }
    }
    try (EcsSource source = source(ecs.options())) {
      Mesh first = source.read(Set.of(), new Diagnostics());
      assertEquals(260, first.nodes().size());
      int perScan = 1 + (2 + 1 + 1 + 1) + (2 + 1 + 1 + 0);
      assertEquals(1, ecs.calls("ListClusters"));
      assertEquals(5, ecs.calls("ListTasks"));
      assertEquals(4, ecs.calls("DescribeTasks"));
      assertEquals(2, ecs.calls("DescribeTaskDefinition"));
      assertEquals(perScan + 2, ecs.calls());

      ecs.resetCalls();
      Mesh second = source.read(Set.of(), new Diagnostics());
      assertEquals(first, second);
      assertEquals(0, ecs.calls("DescribeTaskDefinition"));
      assertEquals(perScan, ecs.calls());
      int tasks = 260;
      int bound = 2 * (int) Math.ceil(tasks / 100.0) + names.length + 1;
      assertTrue(ecs.calls() <= bound, ecs.calls() + " calls, bound " + bound);
    }
  }

  @Test
  void onlyRunningTasksThatAreNotUnhealthyReceiveTrafficUnlessAsked() throws IOException {
    ecs.addTask("prod", "healthy", echo);
    ecs.addTask("prod", "unknown", echo).put("healthStatus", "UNKNOWN");
    ecs.addTask("prod", "sick", echo).put("healthStatus", "UNHEALTHY");
    ecs.addTask("prod", "starting", echo).put("lastStatus", "PENDING").put("healthStatus", "UNKNOWN");
    ecs.addTask("prod", "gone", echo).put("lastStatus", "STOPPED");
    ecs.addTask("prod", "draining", echo).put("desiredStatus", "STOPPED");
    assertEquals(List.of("healthy", "unknown"), serving(ecs.options(), Set.of()));
    assertEquals(List.of("gone", "healthy", "sick", "starting", "unknown"), nodes(ecs.options(), Set.of()),
        "tasks that are to run are nodes, serving or not; a task being stopped is none");
    EcsOptions all = new EcsOptions(List.of(), ecs.options().region(), ecs.options().endpoint(), true, true, false);
    assertEquals(List.of("healthy", "sick", "starting", "unknown"), serving(all, Set.of()));
    assertEquals(List.of("healthy"), serving(ecs.options().withHealthyOnly(true), Set.of()),
        "--healthy-only leaves out UNKNOWN as well as UNHEALTHY");
    EcsOptions healthyPending = new EcsOptions(
        List.of(), ecs.options().region(), ecs.options().endpoint(), false, true, false, true);
    assertEquals(List.of("healthy"), serving(healthyPending, Set.of()),
        "--include-pending with --healthy-only: a starting task serves once it is HEALTHY");
    assertEquals(List.of("healthy", "starting", "unknown"), serving(ecs.options(), Set.of("starting")),
        "a task named for compiling serves in its own compile even before it runs");
  }

  @Test
  void aTaskBeingStoppedLeavesTheEgressAtTheNextScan() throws IOException {
    ecs.addTask("prod", "a1", echo);
    ecs.addTask("prod", "a2", echo);
    try (EcsSource source = source(ecs.options())) {
      assertEquals(2, source.read(Set.of(), new Diagnostics()).nodes().size());
      ecs.update("prod", "a2", t -> t.put("desiredStatus", "STOPPED"));
      assertEquals(List.of("a1"), source.read(Set.of(), new Diagnostics()).nodes().stream()
          .map(NodeEntry::name).toList());
    }
  }

  private List<String> serving(EcsOptions options, Set<String> wanted) throws IOException {
    try (EcsSource source = source(options)) {
      return source.read(wanted, new Diagnostics()).nodes().stream()
          .filter(n -> !n.services().isEmpty()).map(NodeEntry::name).toList();
    }
  }

  private List<String> nodes(EcsOptions options, Set<String> wanted) throws IOException {
    try (EcsSource source = source(options)) {
      return source.read(wanted, new Diagnostics()).nodes().stream().map(NodeEntry::name).toList();
    }
  }

  @Test
  void describeTasksFailuresAreWarningsAndTheScanGoesOn() throws IOException {
    ecs.addTask("prod", "kept", echo);
    ecs.addTask("prod", "lost", echo);
    ecs.describeAsMissing(FakeEcs.taskArn("prod", "lost"));
    try (EcsSource source = source(ecs.options("prod"))) {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(Set.of(), diagnostics);
      assertEquals(List.of("kept"), mesh.nodes().stream().map(NodeEntry::name).toList());
      Diagnostic warning = diagnostics.warnings().get(0);
      assertEquals(FakeEcs.taskArn("prod", "lost"), warning.location().origin());
      assertTrue(warning.message().contains("MISSING"), warning.message());
      assertFalse(diagnostics.hasErrors());
    }
  }

  @Test
  void throttlingAndServerErrorsAreRetried() throws IOException {
    ecs.addTask("prod", "t1", echo);
    ecs.fail("ListTasks", 400, "ThrottlingException");
    ecs.fail("DescribeTasks", 500, "ServerException");
    ecs.fail("DescribeTaskDefinition", 503, "ServiceUnavailableException");
    try (EcsSource source = source(ecs.options("prod"))) {
      Mesh mesh = source.read(Set.of(), new Diagnostics());
      assertEquals(1, mesh.nodes().size());
      assertEquals(2, ecs.calls("ListTasks"));
      assertEquals(2, ecs.calls("DescribeTasks"));
      assertEquals(2, ecs.calls("DescribeTaskDefinition"));
    }
  }

  @Test
  void productionRetryStrategyRetriesThrottling() throws IOException {
    ecs.addTask("prod", "t1", echo);
    ecs.fail("ListTasks", 400, "ThrottlingException");
    EcsOptions options = ecs.options("prod");
    try (EcsSource source = EcsSource.using(EcsClients.builder(options)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDTEST", "secret")))
        .build(), options)) {
      assertEquals(1, source.read(Set.of(), new Diagnostics()).nodes().size());
      assertEquals(2, ecs.calls("ListTasks"));
    }
  }

  @Test
  void aScanThatStillFailsNamesTheCallAndTheNextScanWorks() throws IOException {
    ecs.addTask("prod", "t1", echo);
    for (int i = 0; i < 3; i++) {
      ecs.fail("DescribeTasks", 500, "ServerException");
    }
    try (EcsSource source = source(ecs.options("prod"))) {
      IOException e = assertThrows(IOException.class, () -> source.read(Set.of(), new Diagnostics()));
      assertTrue(e.getMessage().startsWith("ECS scan failed: DescribeTasks (cluster prod) failed:"), e.getMessage());
      assertEquals(3, ecs.calls("DescribeTasks"));
      assertEquals(1, source.read(Set.of(), new Diagnostics()).nodes().size());
    }
  }

  @Test
  void anUnknownNamedClusterFailsTheScan() {
    try (EcsSource source = source(ecs.options("nope"))) {
      IOException e = assertThrows(IOException.class, () -> source.read(Set.of(), new Diagnostics()));
      assertTrue(e.getMessage().contains("ListTasks (cluster nope)"), e.getMessage());
      assertTrue(e.getMessage().contains("Cluster not found"), e.getMessage());
      assertEquals(0, ecs.calls("ListClusters"));
    }
  }

  @Test
  void bridgeModeUsesTheHostPortAtTheBindAddress() throws IOException {
    String bridge = ecs.addDefinition("legacy", 7, "bridge", Labels.containers(
        "web", Labels.of("envoy.service.legacy.svc", "web:8080")));
    TaskJson.bind(ecs.addTask("ec2", "bound", bridge), "172.31.5.9", 8080, 32768);
    TaskJson.bind(ecs.addTask("ec2", "anywhere", bridge), "0.0.0.0", 8080, 32769);
    try (EcsSource source = source(ecs.options("ec2"))) {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(Set.of(), diagnostics);
      EndpointEntry endpoint = node(mesh, "bound").services().get(0).endpoints().get(0);
      assertEquals("172.31.5.9", endpoint.address());
      assertEquals(32768, endpoint.port());
      assertTrue(node(mesh, "anywhere").services().isEmpty());
      Diagnostic warning = diagnostics.warnings().get(0);
      assertTrue(warning.location().origin().startsWith(FakeEcs.taskArn("ec2", "anywhere")));
      assertTrue(warning.message().contains("host port 32769 on every address"), warning.message());
    }
  }

  @Test
  void theDefinitionCacheKeepsOnlyRevisionsInUse() throws IOException {
    ecs.addTask("prod", "old", echo);
    try (EcsSource source = source(ecs.options("prod"))) {
      source.read(Set.of(), new Diagnostics());
      assertEquals(1, source.cachedDefinitions());
      String echo2 = ecs.addDefinition("echo", 2, "awsvpc", Labels.seedEcho());
      ecs.removeTask("prod", "old");
      ecs.addTask("prod", "new", echo2);
      ecs.resetCalls();
      source.read(Set.of(), new Diagnostics());
      assertEquals(1, ecs.calls("DescribeTaskDefinition"));
      assertEquals(1, source.cachedDefinitions());
    }
  }

  @Test
  void whenRevisionsDisagreeTheNewestWinsWithAWarning() throws IOException {
    String echo2 = ecs.addDefinition("echo", 2, "awsvpc", Labels.containers(
        "echo", Labels.of("envoy.service.echo.alpha", "echo:3000",
            "envoy.service.echo.alpha.annotations.healthcheck.path", "/v2/healthz")));
    ecs.addTask("prod", "a-old", echo);
    ecs.addTask("prod", "b-new", echo2);
    try (EcsSource source = source(ecs.options("prod"))) {
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(Set.of(), diagnostics);
      ServiceEntry wide = mesh.services().get(0);
      assertEquals("/v2/healthz", wide.annotations().stream()
          .filter(a -> a.key().equals("healthcheck.path")).findFirst().orElseThrow().value());
      assertEquals(1, diagnostics.warnings().size(), diagnostics.warnings().toString());
      Diagnostic warning = diagnostics.warnings().get(0);
      assertTrue(warning.location().origin().startsWith(echo + " container echo"), warning.toString());
      assertTrue(warning.message().contains("newer " + echo2), warning.message());
    }
  }

  @Test
  void endpointWeightsStayOnTheirTasksEndpoints() throws IOException {
    ecs.addTask("prod", "b1", beta);
    try (EcsSource source = source(ecs.options("prod"))) {
      Mesh mesh = source.read(Set.of(), new Diagnostics());
      EndpointEntry endpoint = node(mesh, "b1").services().get(0).endpoints().get(0);
      assertEquals("endpoint.weight", endpoint.annotations().get(0).key());
      assertEquals("5", endpoint.annotations().get(0).value());
      assertTrue(mesh.services().isEmpty());
    }
  }
}
