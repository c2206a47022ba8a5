package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.write.OutputLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch loop one compile at a time: last known good, the log and the status endpoints. */
class WatcherTest {
  @TempDir Path dir;
  private Path mesh;
  private Path out;
  private final StringWriter log = new StringWriter();
  private final WatchStatus status = new WatchStatus(Clock.systemUTC());
  private FileMeshSource source;
  private StatusServer server;
  private Watcher watcher;

  @BeforeEach
  void start() throws IOException {
    mesh = dir.resolve("mesh.yaml");
    out = dir.resolve("out");
    source = FileMeshSource.open(mesh, Duration.ZERO, Duration.ofHours(1));
    server = StatusServer.start("127.0.0.1", 0, status);
    watcher = new Watcher(source, List.of(), OutputLayout.of(out, null, false), status, new WatchLog(new PrintWriter(log, true)));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    source.close();
  }

  @Test
  void badInputPublishesNothingAndTheNextGoodInputIsPublished() throws Exception {
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 2));
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED, log.toString());
    Map<Path, Optional<String>> live = NodeDirectory.liveGenerations(nodes());
    assertEquals(200, get("/healthz").statusCode());

    Files.writeString(mesh, "nodes:\n  n00:\n  - name: [unclosed\n");
    assertFalse(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    assertTrue(log.toString().contains(mesh + ":3:"), "the YAML error has its place: " + log);
    assertNothingPublished(live);
    HttpResponse<String> health = get("/healthz");
    assertEquals(503, health.statusCode());
    assertTrue(health.body().startsWith(mesh + ":3:"), health.body());

    Files.writeString(mesh, MeshVersions.mesh(2, 2).replace("port: 3000", "port: 70000"));
    assertFalse(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    assertTrue(log.toString().contains(mesh + ":7:43: error: "), "the validation error has its place: " + log);
    assertTrue(log.toString().contains("70000"), log.toString());
    assertNothingPublished(live);

    MeshVersions.writeByRename(mesh, MeshVersions.mesh(3, 2));
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED, log.toString());
    for (Path node : nodes()) {
      assertEquals(3, NodeDirectory.checkAtRest(node));
    }
    assertEquals(200, get("/healthz").statusCode());
    String metrics = get("/metrics").body();
    assertTrue(metrics.contains("\nbent_compiles_total 4\n"), metrics);
    assertTrue(metrics.contains("\nbent_compile_failures_total{reason=\"invalid_input\"} 2\n"), metrics);
    assertTrue(metrics.contains("\nbent_publishes_total 2\n"), metrics);
  }

  @Test
  void anUnchangedInputWritesNothingAndSaysSo() throws Exception {
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 2));
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    Map<Path, Optional<String>> live = NodeDirectory.liveGenerations(nodes());
    Files.writeString(mesh, MeshVersions.mesh(1, 2) + "# only a comment changed\n");
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    assertEquals(live, NodeDirectory.liveGenerations(nodes()));
    assertTrue(log.toString().contains("no node changed (2 nodes)"), log.toString());
    assertTrue(get("/metrics").body().contains("\nbent_publishes_total 1\n"));
  }

  @Test
  void aChangedBootstrapIsPublishedWithAWarningToRestartEnvoy() throws Exception {
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 2));
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    assertFalse(log.toString().contains("restart"), "a first bootstrap needs no restart: " + log);
    Files.writeString(mesh, MeshVersions.mesh(1, 2).replace("mesh:\n", "mesh:\n  ports: {admin: 9911}\n"));
    assertTrue(watcher.cycle() == Watcher.Outcome.PUBLISHED);
    for (Path node : nodes()) {
      assertTrue(Files.readString(node.resolve("bootstrap.yaml")).contains("9911"));
      assertTrue(log.toString().contains("warning: " + node.resolve("bootstrap.yaml")), log.toString());
    }
    assertTrue(log.toString().contains("restart that Envoy to apply it"), log.toString());
  }

  @Test
  void theStatusServerAnswersOnlyItsTwoPathsAndOnlyToGetAndHead() throws Exception {
    assertEquals(503, get("/healthz").statusCode(), "not healthy before the first compile");
    assertEquals(404, get("/").statusCode());
    assertEquals(404, get("/healthzz").statusCode());
    HttpResponse<String> post = send(HttpRequest.newBuilder(uri("/metrics")).POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(405, post.statusCode());
    HttpResponse<String> metrics = get("/metrics");
    assertEquals("text/plain; version=0.0.4; charset=utf-8", metrics.headers().firstValue("Content-Type").orElse(""));
  }

  private void assertNothingPublished(Map<Path, Optional<String>> live) throws IOException {
    assertEquals(live, NodeDirectory.liveGenerations(nodes()), "nothing was published");
    for (Path node : nodes()) {
      assertEquals(1, NodeDirectory.checkAtRest(node), "the previous configuration stays live");
    }
  }

  private List<Path> nodes() {
    return List.of(out.resolve(MeshVersions.node(0)), out.resolve(MeshVersions.node(1)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
