package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A running watch's lock on its output directory, and how it stops on SIGTERM. */
class WatchLifecycleTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int NODES = 12;

  @TempDir Path dir;

  @Test
  void aSecondWatchAndACompileAreToldWhoHoldsTheOutput() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 2));
    try (WatchProcess holder = WatchProcess.start(dir, "watch", "-c", "mesh.yaml", "-o", "out")) {
      holder.awaitLine("^bent: watching", TIMEOUT);
      String out = dir.resolve("out").toString();
      for (String command : new String[] {"watch", "compile"}) {
        Run run = run(command, "-c", mesh.toString(), "-o", out);
        assertEquals(ExitCode.IO, run.status(), command + ": " + run.err());
        assertTrue(run.err().contains("pid: " + holder.pid()), command + ": " + run.err());
        assertTrue(run.err().contains("command: bent watch"), command + ": " + run.err());
      }
      assertEquals(0, holder.terminate(TIMEOUT), holder.stderr());
    }
  }

  /**
   * The watch is held just before node n05's ..data swap, so SIGTERM provably arrives mid-publish
   * (n05 still has the old version then); the publish must still finish on every node.
   */
  @Test
  void sigtermDuringAPublishFinishesItReleasesTheLockAndExitsZero() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path out = dir.resolve("out");
    Path release = dir.resolve("release");
    List<Path> nodes = new ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      nodes.add(out.resolve(MeshVersions.node(n)));
    }
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, NODES));
    try (WatchProcess first = WatchProcess.start(dir, "watch", "-c", "mesh.yaml", "-o", "out")) {
      first.awaitLine("^bent: watching", TIMEOUT);
      assertEquals(0, first.terminate(TIMEOUT), first.stderr());
    }
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, NODES));
    try (WatchProcess watch = WatchProcess.startHeld(
        dir, MeshVersions.node(5), 4, release, "watch", "-c", "mesh.yaml", "-o", "out")) {
      watch.awaitLine("^bent-test: held n05 at step 4$", TIMEOUT);
      assertEquals(1, NodeDirectory.checkAtRest(nodes.get(5)), "held before the swap: the publish is under way");
      watch.signalTerm();
      watch.awaitLine("^bent: stopping", TIMEOUT);
      Files.createFile(release);
      assertEquals(0, watch.exitStatus(TIMEOUT), watch.stderr());
      watch.awaitLine("^bent: stopped$", TIMEOUT);
      String log = watch.stderr();
      assertTrue(log.indexOf("bent: stopping") < log.indexOf("bent: publish 1:"),
          "the publish ended after the signal: " + log);
    }
    for (Path node : nodes) {
      assertEquals(2, NodeDirectory.checkAtRest(node), "the publish under way is finished: " + node);
    }
    Run compile = run("compile", "-c", mesh.toString(), "-o", out.toString());
    assertEquals(ExitCode.OK, compile.status(), "the lock was released: " + compile.err());
  }

  private record Run(int status, String err) {}

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, err.toString());
  }
}
