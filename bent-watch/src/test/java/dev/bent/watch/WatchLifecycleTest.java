package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void sigtermDuringAPublishFinishesItReleasesTheLockAndExitsZero() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path out = dir.resolve("out");
    List<Path> nodes = new ArrayList<>();
    for (int n = 0; n < NODES; n++) {
      nodes.add(out.resolve(MeshVersions.node(n)));
    }
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, NODES));
    try (WatchProcess watch =
        WatchProcess.start(dir, "watch", "-c", "mesh.yaml", "-o", "out", "--debounce", "0ms")) {
      watch.awaitLine("^bent: watching", TIMEOUT);
      Map<Path, Optional<String>> before = NodeDirectory.liveGenerations(nodes);
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, NODES));
      NodeDirectory.awaitAnySwap(before, TIMEOUT, watch);
      assertEquals(0, watch.terminate(TIMEOUT), watch.stderr());
      watch.awaitLine("^bent: stopped$", TIMEOUT);
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
