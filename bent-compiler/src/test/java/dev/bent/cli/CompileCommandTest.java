package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCommandTest {
  @TempDir Path tmp;
  private CliRun last;

  private int run(String... args) {
    last = CliRun.of(args);
    return last.exitCode();
  }

  private Path sample(String name) {
    return Meshes.projectRoot().resolve("samples").resolve(name);
  }

  @Test
  void compilesEveryNodeIntoItsOwnDirectory() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, run("compile", "-c", sample("readme-config.yaml").toString(), "-o", out.toString()));
    for (String node : new String[] {"alpha", "beta", "gamma"}) {
      assertTrue(Files.isRegularFile(out.resolve(node).resolve("bootstrap.yaml")), node);
      assertTrue(Files.isRegularFile(out.resolve(node).resolve("rds/egress.yaml")), node);
    }
    String bootstrap = Files.readString(out.resolve("beta/bootstrap.yaml"));
    assertTrue(bootstrap.contains("path: " + out.toAbsolutePath() + "/beta/lds.yaml"), bootstrap);
    assertTrue(last.err().contains("compiled 3 nodes"), last.err());
  }

  @Test
  void singleNodeIsWrittenIntoTheDirectoryItselfWithTheEnvoyDir() throws Exception {
    Path out = tmp.resolve("init");
    assertEquals(
        0,
        run("compile", "-c", sample("readme-config.yaml").toString(), "--node", "beta", "-o", out.toString(),
            "--envoy-dir", "/etc/envoy"));
    assertTrue(Files.isSymbolicLink(out.resolve("lds.yaml")));
    String bootstrap = Files.readString(out.resolve("bootstrap.yaml"));
    assertTrue(bootstrap.contains("path: /etc/envoy/lds.yaml"), bootstrap);
    assertTrue(bootstrap.contains("id: beta"), bootstrap);
  }

  @Test
  void secondCompileOfUnchangedInputChangesNothing() throws Exception {
    Path out = tmp.resolve("out");
    String[] args = {"compile", "-c", sample("compose-config.yaml").toString(), "-o", out.toString()};
    assertEquals(0, run(args));
    Path live = Files.readSymbolicLink(out.resolve("beta/..data"));
    assertEquals(0, run(args));
    assertTrue(last.err().contains("(0 changed, 8 unchanged)"), last.err());
    assertEquals(live, Files.readSymbolicLink(out.resolve("beta/..data")));
  }

  @Test
  void badMeshExitsTwoWithEveryErrorAndWritesNothing() throws Exception {
    Path mesh = tmp.resolve("mesh.yaml");
    Files.writeString(mesh, "nodes:\n  a:\n  - name: a.svc\n    endpoints:\n    - {address: 10.0.0.1, port: 0}\n"
        + "    - {address: 10.0.0.2, port: 80, annotations: {endpoint.wieght: 3}}\n");
    Path out = tmp.resolve("out");
    assertEquals(2, run("compile", "-c", mesh.toString(), "-o", out.toString()));
    String e = last.err();
    assertTrue(e.contains(mesh + ":5:33: error: port must be in [1, 65535], got 0"), e);
    assertTrue(e.contains(mesh + ":6:51: error: unknown annotation \"endpoint.wieght\" (did you mean \"endpoint.weight\"?)"), e);
    assertTrue(e.contains("bent: 2 errors; nothing was written"), e);
    assertFalse(e.contains("Exception"), e);
    assertFalse(Files.exists(out));
  }

  @Test
  void badMeshLeavesAnEarlierOutputUntouched() throws Exception {
    Path out = tmp.resolve("out");
    assertEquals(0, run("compile", "-c", sample("readme-config.yaml").toString(), "-o", out.toString()));
    Path live = Files.readSymbolicLink(out.resolve("beta/..data"));
    Path mesh = tmp.resolve("bad.yaml");
    Files.writeString(mesh, "nodes: [\n");
    assertEquals(2, run("compile", "-c", mesh.toString(), "-o", out.toString()));
    assertEquals(live, Files.readSymbolicLink(out.resolve("beta/..data")));
  }

  @Test
  void missingMeshFileExitsTwo() {
    assertEquals(2, run("compile", "-c", tmp.resolve("absent.yaml").toString(), "-o", tmp.resolve("o").toString()));
    assertTrue(last.err().contains("absent.yaml: error: mesh file not found"), last.err());
  }

  @Test
  void unknownNodeIsAnErrorWithSuggestion() {
    assertEquals(2, run("compile", "-c", sample("readme-config.yaml").toString(), "--node", "bta", "-o", tmp.toString()));
    assertTrue(last.err().contains("no node named \"bta\" (did you mean \"beta\"?); nodes: alpha, beta, gamma"),
        last.err());
  }

  @Test
  void usageErrorsExitTwoWithAHint() {
    assertEquals(2, run("compile", "-c", "x.yaml"));
    assertTrue(last.err().contains("Missing required option: '--output=DIR'"), last.err());
    assertTrue(last.err().contains("Run 'bent compile --help' for usage."), last.err());
  }

  @Test
  void relativeEnvoyDirIsAUsageError() {
    assertEquals(2, run("compile", "-c", sample("readme-config.yaml").toString(), "-o", tmp.toString(),
        "--envoy-dir", "etc/envoy"));
    assertTrue(last.err().contains("--envoy-dir must be an absolute path"), last.err());
  }

  @Test
  void unwritableOutputExitsOne() throws Exception {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "x");
    assertEquals(1, run("compile", "-c", sample("readme-config.yaml").toString(), "-o", file.toString()));
    assertFalse(last.err().contains("Exception"), last.err());
  }

  @Test
  void versionAndHelpExitZero() {
    assertEquals(0, run("--version"));
    assertTrue(last.out().startsWith("bent "), last.out());
    assertEquals(0, run("--help"));
    assertTrue(last.out().contains("compile"), last.out());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
  }
}
