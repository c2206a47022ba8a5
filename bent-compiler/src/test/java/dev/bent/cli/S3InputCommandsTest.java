package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import dev.bent.source.s3.LocalS3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compile, explain, check and update with -c s3://bucket/key, against a local S3 server. */
class S3InputCommandsTest {
  private static final String SNAPSHOT = "s3://meshes/prod/mesh.yaml";
  private static LocalS3 s3;
  private static AutoCloseable endpoint;
  private static String meshText;
  @TempDir Path temp;

  @BeforeAll
  static void start() throws Exception {
    s3 = LocalS3.start();
    s3.createBucket("meshes");
    endpoint = s3.asDefaultEndpoint();
    meshText = Files.readString(Meshes.projectRoot().resolve("samples/canary.yaml"));
    s3.put("meshes", "prod/mesh.yaml", meshText);
  }

  @AfterAll
  static void stop() throws Exception {
    endpoint.close();
    s3.close();
  }

  @Test
  void compileFromASnapshotWritesTheSameBytesAsFromTheFile() throws Exception {
    Path file = temp.resolve("mesh.yaml");
    Files.writeString(file, meshText);
    CliRun fromS3 = CliRun.of("compile", "-c", SNAPSHOT, "-o", temp.resolve("s3").toString(), "--envoy-dir", "/etc/envoy");
    CliRun fromFile = CliRun.of("compile", "-c", file.toString(), "-o", temp.resolve("file").toString(),
        "--envoy-dir", "/etc/envoy");
    assertEquals(0, fromS3.exitCode(), fromS3.toString());
    assertEquals(0, fromFile.exitCode(), fromFile.toString());
    try (var files = Files.walk(temp.resolve("file"))) {
      for (Path path : files.filter(Files::isRegularFile).filter(p -> !p.toString().contains(".bent.lock")).toList()) {
        Path twin = temp.resolve("s3").resolve(temp.resolve("file").relativize(path));
        assertEquals(Files.readString(path), Files.readString(twin), path.toString());
      }
    }
  }

  @Test
  void aMissingSnapshotExitsOneWithAMessageAndWritesNothing() {
    Path out = temp.resolve("out");
    CliRun run = CliRun.of("compile", "-c", "s3://meshes/prod/absent.yaml", "-o", out.toString());
    assertEquals(ExitCode.IO, run.exitCode(), run.toString());
    assertTrue(run.err().contains("s3://meshes/prod/absent.yaml does not exist yet"), run.toString());
    assertFalse(run.err().contains("Exception"), run.toString());
    assertFalse(Files.exists(out.resolve("..data")) || Files.exists(out.resolve("bootstrap.yaml")), run.toString());
  }

  @Test
  void aMissingSnapshotSeenAs403WithoutListBucketIsTheSameClearState() {
    s3.restrict(LocalS3.defaultIdentity(), Set.of("s3:GetObject"));
    try {
      CliRun run = CliRun.of("compile", "-c", "s3://meshes/prod/absent.yaml", "-o", temp.resolve("out").toString());
      assertEquals(ExitCode.IO, run.exitCode(), run.toString());
      assertTrue(run.err().contains("403") && run.err().contains("s3:ListBucket"), run.toString());
      CliRun present = CliRun.of("compile", "-c", SNAPSHOT, "-o", temp.resolve("out").toString());
      assertEquals(0, present.exitCode(), present.toString());
    } finally {
      s3.restrict(LocalS3.defaultIdentity(), Set.of("s3:GetObject", "s3:ListBucket", "s3:PutObject"));
    }
  }

  @Test
  void explainReadsASnapshot() {
    CliRun run = CliRun.of("explain", "-c", SNAPSHOT, "--node", "checkout");
    CliRun fromFile = CliRun.of("explain", "-c", Meshes.projectRoot().resolve("samples/canary.yaml").toString(),
        "--node", "checkout");
    assertEquals(0, run.exitCode(), run.toString());
    assertEquals(fromFile.out(), run.out());
  }

  @Test
  void checkAndUpdateReadASnapshot() {
    Path golden = temp.resolve("golden");
    CliRun update = CliRun.of("update", "-c", SNAPSHOT, "--golden", golden.toString());
    assertEquals(0, update.exitCode(), update.toString());
    CliRun check = CliRun.of("check", "-c", SNAPSHOT, "--golden", golden.toString());
    assertEquals(0, check.exitCode(), check.toString());
  }

  @Test
  void scanWithWatchNeedsAFileOrS3TargetAndAnIntervalOfASecond() {
    CliRun stdout = CliRun.of("scan", "--source", "ecs", "--watch", "-o", "-");
    assertEquals(ExitCode.INVALID, stdout.exitCode(), stdout.toString());
    assertTrue(stdout.err().contains("--watch publishes to a file or s3://bucket/key"), stdout.toString());
    CliRun fast = CliRun.of("scan", "--source", "ecs", "--watch", "--interval", "200ms", "-o", SNAPSHOT);
    assertEquals(ExitCode.INVALID, fast.exitCode(), fast.toString());
    assertTrue(fast.err().contains("--interval must be at least 1s"), fast.toString());
  }

  @Test
  void aScanPublishesToS3OnlyWhenItChangedAndCompileReadsIt() throws Exception {
    try (FakeEcs ecs = new FakeEcs()) {
      String beta = ecs.addDefinition("beta", 1, "awsvpc",
          Labels.containers("envoy", Labels.of(), "app", Labels.of("envoy.service.beta.svc", "app:3000")));
      ecs.addTask("prod", "a1", beta);
      String[] scan = {"scan", "--source", "ecs", "--region", FakeEcs.REGION, "--endpoint-url",
          ecs.endpoint().toString(), "-o", "s3://meshes/scanned/mesh.yaml"};
      CliRun first = CliRun.of(scan);
      assertEquals(0, first.exitCode(), first.toString());
      assertTrue(first.err().contains("published s3://meshes/scanned/mesh.yaml"), first.toString());
      CliRun again = CliRun.of(scan);
      assertTrue(again.err().contains("already holds this scan; nothing written"), again.toString());
      CliRun compile = CliRun.of("compile", "-c", "s3://meshes/scanned/mesh.yaml", "--node", "a1",
          "-o", temp.resolve("a1").toString());
      assertEquals(0, compile.exitCode(), compile.toString());
      assertTrue(Files.readString(temp.resolve("a1/bootstrap.yaml")).contains("id: a1"));
    }
  }

  @Test
  void anS3UriWithoutAKeyIsAUsageError() {
    CliRun run = CliRun.of("compile", "-c", "s3://meshes", "-o", temp.resolve("out").toString());
    assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
    assertTrue(run.err().contains("s3://bucket/key"), run.toString());
  }
}
