package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.golden.TestMeshes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdateCommandTest {
  @TempDir Path dir;
  private Path mesh;
  private Path golden;

  @BeforeEach
  void mesh() {
    mesh = TestMeshes.copy(TestMeshes.TWO_NODES, dir);
    golden = dir.resolve("golden");
  }

  @Test
  void writesEveryNodeAsPlainFilesSeenUnderEtcEnvoy() throws IOException {
    CliRun run = update();

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("bent: updated " + golden + ": 10 written, 0 removed, 0 unchanged\n", run.err());
    assertEquals(
        List.of(".bent-nodes", "alpha/bootstrap.yaml", "alpha/cds.yaml", "alpha/lds.yaml", "alpha/rds/egress.yaml",
            "alpha/rds/ingress.yaml", "beta/bootstrap.yaml", "beta/cds.yaml", "beta/lds.yaml",
            "beta/rds/egress.yaml", "beta/rds/ingress.yaml"),
        plainFiles());
    assertTrue(Files.readString(golden.resolve("beta/bootstrap.yaml")).contains("path: /etc/envoy/beta/cds.yaml"));
  }

  @Test
  void removesStaleFilesAndNodesAndReportsCounts() throws IOException {
    update();
    Files.writeString(golden.resolve("beta/rds/old.yaml"), "stale\n");
    Files.createDirectories(golden.resolve("retired/rds"));
    for (String file : List.of("bootstrap.yaml", "lds.yaml", "cds.yaml", "rds/egress.yaml")) {
      Files.writeString(golden.resolve("retired").resolve(file), "stale\n");
    }
    TestMeshes.edit(mesh, "port: 3000", "port: 3001");

    CliRun run = update();

    assertEquals("bent: updated " + golden + ": 1 written, 5 removed, 9 unchanged\n", run.err());
    assertFalse(Files.exists(golden.resolve("retired")));
    assertFalse(Files.exists(golden.resolve("beta/rds/old.yaml")));
    assertEquals(ExitCode.OK, CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString()).exitCode());
  }

  @Test
  void withNodeOnlyThatNodesDirectoryIsTouched() throws IOException {
    update();
    Files.writeString(golden.resolve("alpha/bootstrap.yaml"), "edited\n");
    Files.writeString(golden.resolve("beta/stale.yaml"), "stale\n");
    Files.createDirectories(golden.resolve("retired"));
    Files.writeString(golden.resolve("retired/bootstrap.yaml"), "kept\n");

    CliRun run = CliRun.of("update", "-c", mesh.toString(), "--golden", golden.toString(), "--node", "beta");

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("edited\n", Files.readString(golden.resolve("alpha/bootstrap.yaml")));
    assertEquals("kept\n", Files.readString(golden.resolve("retired/bootstrap.yaml")));
    assertFalse(Files.exists(golden.resolve("beta/stale.yaml")));
  }

  @Test
  void invalidMeshExitsTwoAndLeavesGoldenAsItWas() throws IOException {
    update();
    List<String> before = plainFiles();
    Path bad = TestMeshes.copy(TestMeshes.BAD_PORT, dir.resolve("bad"));

    CliRun run = CliRun.of("update", "-c", bad.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.INVALID, run.exitCode());
    assertTrue(run.err().startsWith(bad + ":5:11: error: port must be in [1, 65535], got 70000\n"), run.err());
    assertTrue(run.err().contains("nothing was written"), run.err());
    assertEquals(before, plainFiles());
    assertTrue(Files.exists(golden.resolve("alpha/bootstrap.yaml")), "alpha is not in the bad mesh but stays");
  }

  @Test
  void unknownNodeIsInvalidInput() {
    CliRun run = CliRun.of("update", "-c", mesh.toString(), "--golden", golden.toString(), "--node", "bta");

    assertEquals(ExitCode.INVALID, run.exitCode());
    assertTrue(run.err().contains("no node named \"bta\""), run.err());
    assertFalse(Files.exists(golden));
  }

  private CliRun update() {
    return CliRun.of("update", "-c", mesh.toString(), "--golden", golden.toString());
  }

  private List<String> plainFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(golden)) {
      List<Path> files = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
      files.forEach(p -> assertTrue(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS), p + " is not a plain file"));
      return files.stream().map(p -> golden.relativize(p).toString()).sorted().toList();
    }
  }
}
