package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.write.OutputLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code bent compile} takes the output directory's lock and says who holds it when it cannot. */
class CompileCommandLockTest {
  private static final String MESH =
      "nodes:\n  alpha:\n  beta:\n  - name: beta.svc\n    endpoints: [{address: 10.0.0.2, port: 3000}]\n";

  @TempDir Path dir;

  @Test
  void aLockedOutputIsRefusedWithTheHolderAndExitCode1() throws Exception {
    Path mesh = Files.writeString(dir.resolve("mesh.yaml"), MESH);
    Path out = dir.resolve("out");
    try (OutputLock held = OutputLock.acquire(out, "bent watch")) {
      StringWriter err = new StringWriter();
      int status = compile(err, "-c", mesh.toString(), "-o", out.toString());
      assertEquals(ExitCode.IO, status, err.toString());
      assertTrue(err.toString().contains("in use by another writer (pid: " + ProcessHandle.current().pid()), err.toString());
      assertTrue(err.toString().contains("command: bent watch"), err.toString());
      assertEquals(false, Files.exists(out.resolve("beta")), "nothing was written");
    }
    StringWriter err = new StringWriter();
    assertEquals(ExitCode.OK, compile(err, "-c", mesh.toString(), "-o", out.toString()), err.toString());
    assertTrue(Files.isSymbolicLink(out.resolve("beta/lds.yaml")));
  }

  private static int compile(StringWriter err, String... args) {
    CommandLine cli = Bent.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "compile";
    System.arraycopy(args, 0, all, 1, args.length);
    return cli.execute(all);
  }
}
