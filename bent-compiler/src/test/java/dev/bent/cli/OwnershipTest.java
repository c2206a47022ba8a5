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

/**
 * {@code bent update} and {@code bent compile} create, replace and remove only what bent wrote:
 * whatever else shares the directory survives, and a name bent needs that is taken stops it.
 */
class OwnershipTest {
  @TempDir Path dir;
  private Path mesh;
  private Path project;

  @BeforeEach
  void projectWithSourcesAndHistory() throws IOException {
    mesh = TestMeshes.copy(TestMeshes.TWO_NODES, dir);
    project = dir.resolve("project");
    write(project.resolve("src/Main.java"), "class Main {}\n");
    write(project.resolve("docs/guide.md"), "# guide\n");
    write(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    write(project.resolve("envoy/bootstrap.yaml"), "mine: true\n");
    write(project.resolve("notes.txt"), "notes\n");
    Files.createDirectories(project.resolve("lost+found"));
  }

  @Test
  void updateIntoAProjectDirectoryLeavesEverythingItDidNotWrite() throws IOException {
    List<String> before = files(project);

    CliRun first = update(project);
    TestMeshes.edit(mesh, "port: 3000", "port: 3001");
    CliRun second = update(project);

    assertEquals(ExitCode.OK, first.exitCode(), first.toString());
    assertEquals(ExitCode.OK, second.exitCode(), second.toString());
    List<String> after = files(project);
    assertTrue(after.containsAll(before), "lost: " + before.stream().filter(f -> !after.contains(f)).toList());
    assertTrue(Files.isDirectory(project.resolve("lost+found")));
    assertTrue(after.contains("alpha/bootstrap.yaml") && after.contains("beta/cds.yaml"), after.toString());
    CliRun check = CliRun.of("check", "-c", mesh.toString(), "--golden", project.toString());
    assertEquals(ExitCode.OK, check.exitCode(), "directories bent did not write are not golden nodes: " + check);
  }

  @Test
  void aNodeNameTakenByADirectoryBentDidNotWriteStopsWithExitOneNamingIt() throws IOException {
    write(project.resolve("beta/notes.txt"), "my beta notes\n");
    List<String> before = files(project);

    CliRun run = update(project);

    assertEquals(ExitCode.IO, run.exitCode(), run.toString());
    assertTrue(run.err().contains(project.resolve("beta").toString()), run.err());
    assertTrue(run.err().contains("not written by bent"), run.err());
    assertEquals(before, files(project), "nothing was written");
  }

  @Test
  void aSymbolicLinkIsNeverFollowedForDeletionOrWriting() throws IOException {
    Path outside = dir.resolve("outside");
    write(outside.resolve("bootstrap.yaml"), "outside\n");
    write(outside.resolve("cds.yaml"), "outside\n");
    assertEquals(ExitCode.OK, update(project).exitCode());
    Files.delete(project.resolve("beta/cds.yaml"));
    Files.createSymbolicLink(project.resolve("beta/cds.yaml"), outside.resolve("cds.yaml"));
    Files.createSymbolicLink(project.resolve("beta/extra"), outside);

    CliRun run = update(project);

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    assertEquals("outside\n", Files.readString(outside.resolve("cds.yaml")));
    assertEquals(List.of("bootstrap.yaml", "cds.yaml"), files(outside));
    assertTrue(Files.isRegularFile(project.resolve("beta/cds.yaml"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(project.resolve("beta/extra"), LinkOption.NOFOLLOW_LINKS));

    Files.createSymbolicLink(dir.resolve("golden-link-target"), outside);
    Path linked = dir.resolve("linked");
    Files.createDirectories(linked);
    Files.createSymbolicLink(linked.resolve("alpha"), outside);
    CliRun refused = update(linked);
    assertEquals(ExitCode.IO, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains(linked.resolve("alpha") + ": is a symbolic link"), refused.err());
    assertEquals(List.of("bootstrap.yaml", "cds.yaml"), files(outside));
  }

  @Test
  void aCompileOutputIsNotAGoldenDirectoryAndIsLeftAlone() throws IOException {
    Path out = dir.resolve("out");
    assertEquals(ExitCode.OK, CliRun.of("compile", "-c", mesh.toString(), "-o", out.toString()).exitCode());
    List<String> before = files(out);

    CliRun run = update(out);

    assertEquals(ExitCode.IO, run.exitCode(), run.toString());
    assertTrue(run.err().contains("holds bent output, not golden"), run.err());
    assertEquals(before, files(out));
  }

  @Test
  void goldenNodesWrittenBeforeTheManifestAreAdoptedAndStaleOnesRemoved() throws IOException {
    Path golden = dir.resolve("golden");
    assertEquals(ExitCode.OK, update(golden).exitCode());
    Files.delete(golden.resolve(".bent-nodes"));
    write(golden.resolve("retired/bootstrap.yaml"), "old node\n");
    write(golden.resolve("retired/lds.yaml"), "old listeners\n");
    write(golden.resolve("retired/cds.yaml"), "old clusters\n");
    write(golden.resolve("retired/rds/egress.yaml"), "old routes\n");
    write(golden.resolve("mine/notes.yaml"), "no bootstrap: not bent's shape\n");

    CliRun run = update(golden);

    assertEquals(ExitCode.OK, run.exitCode(), run.toString());
    assertTrue(run.err().contains("0 written, 4 removed, 10 unchanged"), run.err());
    assertFalse(Files.exists(golden.resolve("retired")));
    assertTrue(Files.exists(golden.resolve("mine/notes.yaml")));
    assertTrue(Files.readString(golden.resolve(".bent-nodes")).endsWith("kind: golden\nalpha\nbeta\n"));
  }

  @Test
  void compileLeavesWhatItDidNotWriteAndStopsAtATakenName() throws IOException {
    Path single = dir.resolve("single");
    write(single.resolve(".tmp-keep"), "mine\n");
    Files.createDirectories(single.resolve("lost+found"));
    CliRun one = CliRun.of("compile", "-c", mesh.toString(), "-o", single.toString(), "--node", "alpha");
    assertEquals(ExitCode.OK, one.exitCode(), one.toString());
    CliRun again = CliRun.of("compile", "-c", mesh.toString(), "-o", single.toString(), "--node", "alpha");
    assertEquals(ExitCode.OK, again.exitCode(), again.toString());
    assertTrue(Files.exists(single.resolve(".tmp-keep")) && Files.isDirectory(single.resolve("lost+found")));

    Path taken = dir.resolve("taken");
    write(taken.resolve("bootstrap.yaml"), "mine: true\n");
    CliRun refused = CliRun.of("compile", "-c", mesh.toString(), "-o", taken.toString(), "--node", "alpha");
    assertEquals(ExitCode.IO, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains(taken.resolve("bootstrap.yaml").toString()), refused.err());
    assertEquals(List.of(".bent.lock", "bootstrap.yaml"), files(taken), "only bent's lock was written");

    CliRun all = CliRun.of("compile", "-c", mesh.toString(), "-o", project.toString());
    assertEquals(ExitCode.OK, all.exitCode(), all.toString());
    write(project.resolve("beta/notes.txt"), "x");
    Files.delete(project.resolve(".bent-nodes"));
    write(dir.resolve("other/alpha/notes.txt"), "user's alpha\n");
    CliRun alpha = CliRun.of("compile", "-c", mesh.toString(), "-o", dir.resolve("other").toString());
    assertEquals(ExitCode.IO, alpha.exitCode(), alpha.toString());
    assertTrue(alpha.err().contains(dir.resolve("other/alpha") + ": exists and was not written by bent"), alpha.err());
    CliRun adopted = CliRun.of("compile", "-c", mesh.toString(), "-o", project.toString());
    assertEquals(ExitCode.OK, adopted.exitCode(), "output written before the manifest is adopted: " + adopted);
    assertEquals("mine: true\n", Files.readString(project.resolve("envoy/bootstrap.yaml")));
  }

  /**
   * An empty path would be the working directory of the test run (the module's own sources), so
   * the mesh is invalid too: code that took the path would stop at the mesh, writing nothing,
   * and fail the message check instead of wiping the checkout.
   */
  @Test
  void anEmptyOutputOrGoldenPathIsAUsageError() {
    String bad = TestMeshes.copy(TestMeshes.BAD_PORT, dir.resolve("bad")).toString();
    for (String[] args : List.of(
        new String[] {"update", "-c", bad, "--golden", ""},
        new String[] {"check", "-c", bad, "--golden", ""},
        new String[] {"compile", "-c", bad, "-o", ""})) {
      CliRun run = CliRun.of(args);
      assertEquals(ExitCode.INVALID, run.exitCode(), run.toString());
      assertTrue(run.err().contains("must not be empty"), run.err());
    }
  }

  private CliRun update(Path golden) {
    return CliRun.of("update", "-c", mesh.toString(), "--golden", golden.toString());
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Every entry under {@code root} that is not a directory, relative, sorted. */
  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
