package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.s3.LocalS3;
import dev.bent.source.s3.S3Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, configured only by the SDK's standard environment and BENT_S3_PATH_STYLE: two
 * {@code bent scan --watch} scanners out of phase publish to the local S3, and a {@code bent watch
 * -c s3://...} writes what they publish.
 */
class ScannerProcessTest {
  private static final String SNAPSHOT = "s3://fleet/prod/mesh.yaml";
  @TempDir Path dir;

  private static Map<String, String> environment(LocalS3 s3, String identity) {
    return Map.of(
        "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
        "BENT_S3_PATH_STYLE", "true",
        "AWS_REGION", LocalS3.REGION,
        "AWS_ACCESS_KEY_ID", identity,
        "AWS_SECRET_ACCESS_KEY", LocalS3.secret(identity),
        "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_REQUEST_CHECKSUM_CALCULATION", "WHEN_REQUIRED",
        "AWS_RESPONSE_CHECKSUM_VALIDATION", "WHEN_REQUIRED");
  }

  @Test
  void twoScannersOutOfPhaseFeedAWatchThroughS3() throws Exception {
    try (LocalS3 s3 = LocalS3.start(); FakeEcs ecs = new FakeEcs()) {
      s3.createBucket("fleet");
      s3.restrict("scanner", Set.of("s3:GetObject", "s3:PutObject"));
      s3.restrict("sidecar", Set.of("s3:GetObject"));
      String beta = ecs.addDefinition("beta", 1, "awsvpc",
          Labels.containers("envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "a1", beta);
      String[] scan = {"scan", "--source", "ecs", "--cluster", "prod", "--endpoint-url", ecs.endpoint().toString(),
          "--watch", "-o", SNAPSHOT, "--interval"};
      try (WatchProcess watch = WatchProcess.start(dir, environment(s3, "sidecar"),
              "watch", "-c", SNAPSHOT, "--interval", "1s", "-o", dir.resolve("out").toString());
          WatchProcess first = WatchProcess.start(dir, environment(s3, "scanner"), append(scan, "1s"));
          WatchProcess second = WatchProcess.start(dir, environment(s3, "scanner"), append(scan, "1.3s"))) {
        first.awaitLine("bent: (unchanged|published|not published)", Duration.ofSeconds(60));
        second.awaitLine("bent: (unchanged|published|not published)", Duration.ofSeconds(60));
        awaitFile(dir.resolve("out/a1/bootstrap.yaml"));
        // Whichever scanned first published; the other found the same bytes there.
        assertTrue((first.stderr() + second.stderr()).contains("bent: published " + SNAPSHOT),
            first.stderr() + second.stderr());

        ecs.addTask("prod", "b2", beta);
        awaitFile(dir.resolve("out/b2/bootstrap.yaml"));
        String stored = s3.text("fleet", "prod/mesh.yaml").orElseThrow();
        assertTrue(stored.contains("\"b2\":"), stored);
        Instant published = Instant.parse(s3.metadata("fleet", "prod/mesh.yaml").get(S3Snapshots.SCAN_TIME));
        assertTrue(published.isAfter(Instant.now().minusSeconds(120)), published.toString());

        assertEquals(0, first.terminate(Duration.ofSeconds(30)), "a stop on SIGTERM is a success: " + first.stderr());
        assertEquals(0, second.terminate(Duration.ofSeconds(30)), second.stderr());
        assertTrue(first.stderr().contains("bent: stopping; a scan in progress is finished first\nbent: stopped\n"),
            first.stderr());
        assertEquals(Set.of("s3:GetObject", "s3:PutObject"), s3.observed("scanner"),
            first.stderr() + second.stderr());
        assertEquals(Set.of("s3:GetObject"), s3.observed("sidecar"), watch.stderr());
      }
    }
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + file + " within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
