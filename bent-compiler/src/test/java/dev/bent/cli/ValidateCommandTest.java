package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Bent.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** Compiles the readme sample into tmp/out/NODE with the Envoy directory /etc/envoy/NODE. */
  private Path compiled() {
    Path output = tmp.resolve("out");
    String mesh = Meshes.projectRoot().resolve("samples/readme-config.yaml").toString();
    assertEquals(0, run("compile", "-c", mesh, "-o", output.toString(), "--envoy-dir", "/etc/envoy"));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    return output;
  }

  @Test
  void compiledNodeDirectoryIsValid() {
    Path output = compiled();
    assertEquals(0, run("validate", output.resolve("beta").toString()));
    assertEquals("", out.toString());
    assertEquals("bent: checked 5 files: valid\n", err.toString());
  }

  @Test
  void everyProblemOfEveryPathIsPrintedInOneRunAndExitsOne() throws Exception {
    Path output = compiled();
    // Replaced, not edited in place: a generation's files may be hard links shared with other nodes.
    Path cds = output.resolve("beta/..data/cds.yaml");
    replace(cds, Files.readString(cds).replaceFirst("port_value: 4100", "port_value: 65536"));
    Path rds = output.resolve("gamma/..data/rds/egress.yaml");
    replace(rds, Files.readString(rds).replace("cluster: gamma.svc", "cluster: gama.svc"));
    assertEquals(1, run("validate", output.resolve("beta").toString(), output.resolve("gamma").toString()));
    assertEquals(output.resolve("beta/cds.yaml") + ": error: resources[0].load_assignment.endpoints[0].lb_endpoints[0]"
        + ".endpoint.address.socket_address.port_value: must be at most 65535, got 65536 [uint32.lte]\n"
        + output.resolve("gamma/rds/egress.yaml") + ": warning: resources[0].virtual_hosts[1].routes[0].route.cluster:"
        + " no cluster named \"gama.svc\" (did you mean \"gamma.svc\"?); Envoy loads it (validate_clusters is false,"
        + " the default for RDS) and the route answers 503\n",
        out.toString());
    assertEquals("bent: checked 10 files: 1 error, 1 warning\n", err.toString());
  }

  @Test
  void warningsArePrintedButDoNotFail() throws Exception {
    Path file = Files.writeString(tmp.resolve("lds.txt"), "{\"resources\": []}");
    assertEquals(0, run("validate", file.toString()));
    assertTrue(out.toString().startsWith(file + ": warning: the name ends in neither .yaml"), out.toString());
    assertEquals("bent: checked 1 file: valid, 1 warning\n", err.toString());
  }

  @Test
  void missingPathExitsOne() {
    Path missing = tmp.resolve("nowhere.yaml");
    assertEquals(1, run("validate", missing.toString()));
    assertEquals(missing + ": error: no such file\n", out.toString());
  }

  @Test
  void helpDescribesPathsAndExitCodes() {
    assertEquals(0, run("validate", "--help"));
    assertTrue(out.toString().startsWith("Usage: bent validate [-hV] [--profile=envoy|bent] PATH...\n"), out.toString());
    assertTrue(out.toString().contains("Exit status: 0 valid, 1 invalid or unreadable, 2 usage error."), out.toString());
  }

  @Test
  void bentProfileAddsTheLayoutPolicyAndMarksIt() throws Exception {
    Path output = compiled();
    Path bootstrap = output.resolve("beta/bootstrap.yaml");
    String admin = "admin:\n  address:\n    socket_address:\n      address: ";
    Files.writeString(bootstrap, Files.readString(bootstrap).replace(admin + "127.0.0.1", admin + "0.0.0.0"));
    assertEquals(0, run("validate", output.resolve("beta").toString()));
    assertEquals("", out.toString());
    assertEquals(1, run("validate", "--profile", "bent", output.resolve("beta").toString()));
    assertEquals(bootstrap + ": error: admin.address: admin must listen on loopback, not 0.0.0.0 [bent layout]\n",
        out.toString());
  }

  @Test
  void unknownProfileIsAUsageError() {
    assertEquals(2, run("validate", "--profile", "istio", "x.yaml"));
    assertTrue(err.toString().contains("expected envoy or bent, got 'istio'"), err.toString());
  }

  @Test
  void noPathIsAUsageError() {
    assertEquals(2, run("validate"));
    assertTrue(err.toString().contains("Run 'bent validate --help' for usage."), err.toString());
  }

  private static void replace(Path file, String content) throws java.io.IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(temp, content);
    Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
