package dev.bent.source.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import dev.bent.resolve.Credentials;
import dev.bent.source.ScanFilter;
import dev.bent.source.SnapshotScanner;
import dev.bent.source.ecs.EcsOptions;
import dev.bent.source.ecs.EcsSource;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.write.GenerationWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet pattern at scale: one scanner publishes the mesh of 1,000 ECS tasks to S3, and N = 10,
 * 100 and 500 simulated sidecars (in-process pollers, each with its own S3 client) poll it with
 * conditional GETs and compile only their own node. Per interval it reports the ECS calls (the
 * scanner's alone, so independent of N), the S3 requests per sidecar (1 when unchanged: a 304),
 * and, after one task stops in ECS, what its propagation costs: the scan and publish, each
 * sidecar's poll and compile of its own node, and the time until every simulated sidecar here has
 * written its new generation.
 *
 * <p>Not part of the default test run (surefire runs *Test classes); run it with {@code mvn -pl
 * bent-compiler test -Dtest=FleetBenchmark}. The local servers and every sidecar share this
 * machine's cores, so "change -> all (here)" grows with N; in a fleet each sidecar compiles on its
 * own task's CPU, and a change reaches every sidecar within one scan interval plus one poll
 * interval plus the scan and one compile.
 */
class FleetBenchmark {
  private static final int[] CLUSTERS = {400, 350, 250};
  private static final int DEFINITIONS = 20;
  private static final int[] FLEETS = {10, 100, 500};
  private static final int STEADY_INTERVALS = 3;
  private static final String BUCKET = "mesh";

  @TempDir Path dir;

  @Test
  void oneScannerFeedsEverySidecarThroughS3() throws Exception {
    StringBuilder report = new StringBuilder("FleetBenchmark: 1 scanner, 1,000 tasks in 3 clusters\n");
    report.append(String.format("  %8s %18s %28s %14s %22s %24s%n", "sidecars", "ECS calls/interval",
        "S3 requests/sidecar/interval", "scan+publish", "compile per sidecar", "change -> all (here)"));
    for (int sidecars : FLEETS) {
      report.append(run(sidecars));
    }
    System.out.print(report);
  }

  private String run(int sidecars) throws Exception {
    try (FakeEcs ecs = new FakeEcs(); LocalS3 s3 = LocalS3.start()) {
      List<String> ids = fleet(ecs);
      s3.createBucket(BUCKET);
      S3Location location = S3Location.parse("s3://" + BUCKET + "/mesh.yaml").orElseThrow();
      EcsOptions options = ecs.options();
      try (EcsSource source = EcsSource.using(ecs.client(options), options);
          S3SnapshotTarget target = new S3SnapshotTarget(S3Snapshots.create(s3.settings("scanner")), location)) {
        SnapshotScanner scanner = new SnapshotScanner(source, ScanFilter.none(),
            new Credentials(dir, System::getenv), Clock.systemUTC());
        List<Sidecar> fleet = new ArrayList<>();
        for (int i = 0; i < sidecars; i++) {
          fleet.add(new Sidecar(ids.get(i * (ids.size() / sidecars)), location, s3.settings("sidecar"), dir));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
          interval(scanner, target, fleet, pool);
          long ecsCalls = 0;
          long s3Requests = 0;
          for (int i = 0; i < STEADY_INTERVALS; i++) {
            ecs.resetCalls();
            long before = requests(fleet);
            interval(scanner, target, fleet, pool);
            ecsCalls = Math.max(ecsCalls, ecs.calls());
            s3Requests = Math.max(s3Requests, requests(fleet) - before);
          }
          assertEquals(sidecars, s3Requests, "one conditional GET per sidecar per interval, when unchanged");

          String stopped = ids.get(1);
          long start = System.nanoTime();
          ecs.stopTask(clusterOf(stopped), stopped);
          SnapshotScanner.publish(scanner.scan(), target);
          long scanMillis = (System.nanoTime() - start) / 1_000_000;
          long[] compileMillis = poll(fleet, pool);
          long allMillis = (System.nanoTime() - start) / 1_000_000;
          for (Sidecar sidecar : fleet) {
            assertEquals(2, sidecar.generations, sidecar.node + ": one new generation for the change");
          }
          Arrays.sort(compileMillis);
          return String.format("  %8d %18d %28s %11d ms %9d ms median, %5d ms max %18d ms%n", sidecars, ecsCalls,
              String.format("%.2f", s3Requests / (double) sidecars), scanMillis,
              compileMillis[compileMillis.length / 2], compileMillis[compileMillis.length - 1], allMillis);
        } finally {
          pool.shutdownNow();
          fleet.forEach(Sidecar::close);
        }
      }
    }
  }

  /** One interval: a scan and publish, then one poll of every sidecar; returns each sidecar's compile time. */
  private static long[] interval(SnapshotScanner scanner, S3SnapshotTarget target, List<Sidecar> fleet,
      ExecutorService pool) throws Exception {
    SnapshotScanner.publish(scanner.scan(), target);
    return poll(fleet, pool);
  }

  /** One poll of every sidecar, on the pool; returns each sidecar's compile time (0: unchanged). */
  private static long[] poll(List<Sidecar> fleet, ExecutorService pool) throws Exception {
    List<Future<Long>> polls = new ArrayList<>();
    for (Sidecar sidecar : fleet) {
      polls.add(pool.submit(sidecar::poll));
    }
    long[] millis = new long[fleet.size()];
    for (int i = 0; i < polls.size(); i++) {
      millis[i] = polls.get(i).get();
    }
    return millis;
  }

  private static long requests(List<Sidecar> fleet) {
    return fleet.stream().mapToLong(s -> s.source.requests()).sum();
  }

  private static List<String> fleet(FakeEcs ecs) {
    String[] definitions = new String[DEFINITIONS];
    for (int d = 0; d < DEFINITIONS; d++) {
      definitions[d] = ecs.addDefinition("svc" + d, 1, "awsvpc", Labels.containers(
          "envoy", Labels.of(),
          "app", Labels.of("envoy.service.svc" + d + ".internal", "app:8080",
              "envoy.service.svc" + d + ".internal.annotations.healthcheck.path", "/healthz")));
    }
    List<String> ids = new ArrayList<>();
    int tasks = 0;
    for (int c = 0; c < CLUSTERS.length; c++) {
      for (int i = 0; i < CLUSTERS[c]; i++) {
        String id = String.format("c%dt%05d", c, i);
        ecs.addTask("cluster" + c, id, definitions[tasks % DEFINITIONS]);
        ids.add(id);
        tasks++;
      }
    }
    return ids;
  }

  private static String clusterOf(String id) {
    return "cluster" + id.charAt(1);
  }

  /** A simulated sidecar: polls the snapshot, and on a change compiles its own node and writes a generation. */
  private static final class Sidecar {
    final String node;
    final S3MeshSource source;
    final Path output;
    int generations;

    Sidecar(String node, S3Location location, S3Settings settings, Path dir) {
      this.node = node;
      this.source = new S3MeshSource(S3Snapshots.create(settings), location);
      this.output = dir.resolve("sidecars").resolve(node);
    }

    long poll() throws Exception {
      if (source.poll() != S3MeshSource.Poll.CHANGED) {
        return 0;
      }
      long start = System.nanoTime();
      Diagnostics diagnostics = new Diagnostics();
      Mesh mesh = source.read(Set.of(node), diagnostics);
      Compiler.Compilation compilation = Compiler.compile(mesh, diagnostics, List.of(node),
          n -> "/etc/envoy", new Credentials(output, System::getenv));
      Files.createDirectories(output);
      if (GenerationWriter.write(output, compilation.nodes().get(node).files()).changed()) {
        generations++;
      }
      return (System.nanoTime() - start) / 1_000_000;
    }

    void close() {
      source.close();
    }
  }
}
