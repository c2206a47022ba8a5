package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker-label form of a weighted split, and the overlay documented in the README. */
class EcsSplitLabelTest {
  @TempDir Path temp;
  private FakeEcs ecs;

  @BeforeEach
  void start() throws IOException {
    ecs = new FakeEcs();
  }

  @AfterEach
  void stop() {
    ecs.close();
  }

  private String version(String service, int revision, String share) {
    return ecs.addDefinition(service.replace(".svc", ""), revision, "awsvpc", Labels.containers(
        "app", Labels.of("envoy.service." + service, "app:8080",
            "envoy.service." + service + ".annotations.split-of", share)));
  }

  private CliRun run(String command, String... args) {
    return CliRun.of(Stream.concat(
            Stream.of(command, "--source", "ecs", "--region", FakeEcs.REGION, "--endpoint-url", ecs.endpoint().toString()),
            Stream.of(args))
        .toArray(String[]::new));
  }

  @Test
  void splitOfLabelsMakeAVirtualServiceAndTheNewestRevisionsWeightWins() throws IOException {
    ecs.addTask("prod", "v1a", version("reviews-v1.svc", 1, "reviews.svc=90"));
    String old = version("reviews-v2.svc", 1, "reviews.svc=10");
    String rolled = version("reviews-v2.svc", 2, "reviews.svc=50");
    ecs.addTask("prod", "v2old", old);
    ecs.addTask("prod", "v2new", rolled);
    Path out = temp.resolve("out");
    CliRun run = run("compile", "-o", out.toString());
    assertEquals(0, run.exitCode(), run.toString());
    String egress = Files.readString(out.resolve("v1a/rds/egress.yaml"));
    assertTrue(egress.contains("""
                  - name: reviews-v1.svc
                    weight: 90
                    host_rewrite_literal: reviews-v1.svc
                  - name: reviews-v2.svc
                    weight: 50
        """), egress);
    assertTrue(run.err().contains(old + " container app label envoy.service.reviews-v2.svc.annotations.split-of:"
        + " warning: split-of of \"reviews-v2.svc\" is \"reviews.svc=10\" here but \"reviews.svc=50\" in the newer "
        + rolled), run.toString());
    assertFalse(Files.readString(out.resolve("v1a/cds.yaml")).contains("name: reviews.svc"));
  }

  @Test
  void overlayRoutesWinOverSplitOfLabelsWithAWarning() throws IOException {
    ecs.addTask("prod", "v1a", version("reviews-v1.svc", 1, "reviews.svc=90"));
    ecs.addTask("prod", "v2a", version("reviews-v2.svc", 1, "reviews.svc=10"));
    Path overlay = temp.resolve("overlay.yaml");
    Files.writeString(overlay, "services:\n- name: reviews.svc\n  routes: [{match: {prefix: /}, to: reviews-v1.svc}]\n");
    CliRun run = run("compile", "--overlay", overlay.toString(), "-o", temp.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("warning: split-of \"reviews.svc=10\" of service \"reviews-v2.svc\" is ignored: the"
        + " overlay gives \"reviews.svc\" routes at " + overlay + ":2:3, and the overlay wins"), run.toString());
    String egress = Files.readString(temp.resolve("out/v1a/rds/egress.yaml"));
    assertFalse(egress.contains("weighted_clusters"), egress);
  }

  @Test
  void readmeOverlayExampleCompilesAgainstAScan() throws IOException {
    String readme = Files.readString(Meshes.projectRoot().resolve("README.md"));
    int section = readme.indexOf("### Mesh settings and routes for ECS");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    Path overlay = temp.resolve("overlay.yaml");
    Files.writeString(overlay, readme.substring(start, readme.indexOf("```", start)));
    ecs.addTask("prod", "v1a", ecs.addDefinition("reviews-v1", 1, "awsvpc",
        Labels.containers("app", Labels.of("envoy.service.reviews-v1.svc", "app:8080"))));
    CliRun run = run("compile", "--overlay", overlay.toString(), "-o", temp.resolve("out").toString());
    assertEquals(0, run.exitCode(), run.toString());
    assertTrue(run.err().contains("route target \"reviews-v2.svc\" of service \"reviews.svc\" has no endpoints now"),
        run.toString());
  }
}
