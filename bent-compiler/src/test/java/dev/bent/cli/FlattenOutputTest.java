package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bent flatten -o} replaces its output atomically: a link there is replaced, not written through. */
class FlattenOutputTest {
  @TempDir Path tmp;

  @Test
  void aLinkAtTheOutputIsReplacedAndItsTargetKept() throws Exception {
    Path node = tmp.resolve("beta");
    String mesh = Meshes.projectRoot().resolve("samples/readme-config.yaml").toString();
    CliRun compile = CliRun.of("compile", "-c", mesh, "--node", "beta", "-o", node.toString());
    assertEquals(0, compile.exitCode(), compile.toString());
    Path target = tmp.resolve("someone-elses.yaml");
    Files.writeString(target, "kept\n");
    Path flat = tmp.resolve("flat.yaml");
    Files.createSymbolicLink(flat, target);

    CliRun run = CliRun.of("flatten", node.toString(), "-o", flat.toString());

    assertEquals(0, run.exitCode(), run.toString());
    assertEquals("kept\n", Files.readString(target));
    assertTrue(Files.isRegularFile(flat, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.readString(flat).contains("static_resources"));
  }
}
