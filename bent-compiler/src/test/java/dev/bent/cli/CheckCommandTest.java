package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.golden.TestMeshes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  @TempDir Path dir;
  private Path mesh;
  private Path golden;

  @BeforeEach
  void meshWithUpToDateGolden() {
    mesh = TestMeshes.copy(TestMeshes.TWO_NODES, dir);
    golden = dir.resolve("golden");
    assertEquals(0, CliRun.of("update", "-c", mesh.toString(), "--golden", golden.toString()).exitCode());
  }

  @Test
  void upToDateGoldenExitsZeroWithOneLineSummary() {
    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals("bent: " + golden + " is up to date: 10 files of 2 nodes match\n", run.err());
  }

  @Test
  void changedOutputPrintsUnifiedDiffAndTheFixAndExitsThree() {
    TestMeshes.edit(mesh, "port: 3000", "port: 3001");

    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.DIFFERS, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("--- " + golden + "/beta/cds.yaml\n+++ compiled/beta/cds.yaml\n@@ -1,4 +1,4 @@\n"),
        run.out());
    assertTrue(run.out().contains("\n-              port_value: 3000\n+              port_value: 3001\n"), run.out());
    assertTrue(run.err().contains("differs from " + golden + ": 1 file differs, 0 missing, 0 extra"), run.err());
    assertTrue(run.err().contains("run: bent update -c " + mesh + " --golden " + golden + "\n"), run.err());
  }

  @Test
  void missingAndExtraFilesAreNamed() throws IOException {
    Files.delete(golden.resolve("beta/lds.yaml"));
    Files.writeString(golden.resolve("beta/notes.yaml"), "hand-written\n");

    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.DIFFERS, run.exitCode());
    assertEquals(
        "missing: beta/lds.yaml (compiled, but not in " + golden + ")\n"
            + "extra: beta/notes.yaml (in " + golden + ", but no longer compiled)\n",
        run.out());
  }

  @Test
  void aNodeTheMeshNoLongerHasIsExtra() throws IOException {
    Files.createDirectories(golden.resolve("retired"));
    for (String file : new String[] {"bootstrap.yaml", "lds.yaml", "cds.yaml"}) {
      Files.writeString(golden.resolve("retired").resolve(file), "old\n"); // bent's golden shape
    }

    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.DIFFERS, run.exitCode());
    assertTrue(run.out().contains("extra: retired/bootstrap.yaml"), run.out());
  }

  @Test
  void checkingOneNodeLooksOnlyAtItsGolden() throws IOException {
    Files.writeString(golden.resolve("alpha/bootstrap.yaml"), "edited\n");

    CliRun beta = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString(), "--node", "beta");
    CliRun alpha = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString(), "--node", "alpha");

    assertEquals(ExitCode.OK, beta.exitCode(), beta.out());
    assertEquals(ExitCode.DIFFERS, alpha.exitCode());
    assertTrue(alpha.err().contains("run: bent update -c " + mesh + " --golden " + golden + " --node alpha"),
        alpha.err());
  }

  @Test
  void absentGoldenDirectoryIsNamedAndEveryFileMissing() {
    Path absent = dir.resolve("no such dir");

    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", absent.toString());

    assertEquals(ExitCode.DIFFERS, run.exitCode());
    assertEquals(10, run.out().lines().filter(l -> l.startsWith("missing: ")).count(), run.out());
    assertTrue(run.err().contains("(the directory does not exist): 0 files differ, 10 missing, 0 extra"), run.err());
    assertTrue(run.err().contains("--golden '" + absent + "'"), run.err());
  }

  @Test
  void invalidMeshExitsTwoWithItsLineAndWritesNothing() {
    Path bad = TestMeshes.copy(TestMeshes.BAD_PORT, dir.resolve("bad"));
    Path untouched = dir.resolve("bad/golden");

    CliRun run = CliRun.of("check", "-c", bad.toString(), "--golden", untouched.toString());

    assertEquals(ExitCode.INVALID, run.exitCode());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith(bad + ":5:11: error: port must be in [1, 65535], got 70000\n"), run.err());
    assertFalse(Files.exists(untouched));
  }

  @Test
  void goldenOptionIsRequired() {
    CliRun run = CliRun.of("check", "-c", mesh.toString());

    assertEquals(ExitCode.INVALID, run.exitCode());
    assertTrue(run.err().contains("Missing required option: '--golden=DIR'"), run.err());
    assertTrue(run.err().contains("Run 'bent check --help' for usage."), run.err());
  }

  @Test
  void helpDescribesTheCommandAndExitsZero() {
    CliRun run = CliRun.of("check", "--help");

    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("Usage: bent check [-hV] -c=FILE --golden=DIR [--node=NAME]..."), run.out());
  }

  @Test
  void symbolicLinkInGoldenIsAnIoErrorExitingOne() throws IOException {
    Path lds = golden.resolve("beta/lds.yaml");
    Files.delete(lds);
    Files.createSymbolicLink(lds, Path.of("cds.yaml"));

    CliRun run = CliRun.of("check", "-c", mesh.toString(), "--golden", golden.toString());

    assertEquals(ExitCode.IO, run.exitCode());
    assertEquals("bent: " + lds + ": golden files must be plain files; this is a symbolic link or a special file\n",
        run.err());
  }
}
