package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlattenCommandTest {
  @TempDir Path tmp;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Bent.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private Path node() {
    Path output = tmp.resolve("beta");
    String mesh = Meshes.projectRoot().resolve("samples/readme-config.yaml").toString();
    assertEquals(0, run("compile", "-c", mesh, "--node", "beta", "-o", output.toString(), "--envoy-dir", "/etc/envoy"));
    err.getBuffer().setLength(0);
    return output;
  }

  @Test
  void flattenedFileIsAStaticBootstrapThatValidates() throws Exception {
    Path flat = tmp.resolve("flat.yaml");
    assertEquals(0, run("flatten", node().toString(), "-o", flat.toString()));
    assertEquals("bent: flattened 5 files into " + flat + "\n", err.toString());
    String text = Files.readString(flat);
    assertFalse(text.contains("dynamic_resources"), text);
    assertTrue(text.contains("route_config:\n            name: egress"), text);
    assertEquals(0, run("validate", flat.toString()));
  }

  @Test
  void withoutOutputTheBootstrapGoesToStandardOutput() {
    assertEquals(0, run("flatten", node().resolve("bootstrap.yaml").toString()));
    assertTrue(out.toString().startsWith("node:\n  id: beta\n"), out.toString());
  }

  @Test
  void missingRouteFileExitsOneAndWritesNothing() throws Exception {
    Path node = node();
    Files.delete(node.resolve("..data/rds/ingress.yaml"));
    Path flat = tmp.resolve("flat.yaml");
    assertEquals(1, run("flatten", node.toString(), "-o", flat.toString()));
    assertFalse(Files.exists(flat));
    assertTrue(err.toString().contains(node.resolve("lds.yaml") + ": error: rds of route configuration \"ingress\":"
        + " /etc/envoy/rds/ingress.yaml does not exist"), err.toString());
    assertTrue(err.toString().endsWith("bent: 1 error; nothing was written\n"), err.toString());
  }
}
