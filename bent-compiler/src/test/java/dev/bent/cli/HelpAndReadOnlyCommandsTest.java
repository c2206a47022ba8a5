package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HelpAndReadOnlyCommandsTest {
  static final String BAD_MESH = "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 0}]\n";

  @Test
  void explainErrorsDoNotClaimThatNothingWasWritten(@TempDir Path dir) throws IOException {
    Path mesh = Files.writeString(dir.resolve("mesh.yaml"), BAD_MESH);
    CliRun run = CliRun.of("explain", "-c", mesh.toString(), "--node", "a");
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("bent: 1 error\n"), run.toString());
    assertFalse(run.err().contains("written"), run.toString());
  }

  @Test
  void compileErrorsSayThatNothingWasWritten(@TempDir Path dir) throws IOException {
    Path mesh = Files.writeString(dir.resolve("mesh.yaml"), BAD_MESH);
    CliRun run = CliRun.of("compile", "-c", mesh.toString(), "-o", dir.resolve("out").toString());
    assertEquals(2, run.exitCode(), run.toString());
    assertTrue(run.err().contains("bent: 1 error; nothing was written\n"), run.toString());
  }

  @Test
  void scanHelpOffersOnlyWhatScanAccepts() {
    CliRun help = CliRun.of("scan", "--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertFalse(help.out().contains("--config"), help.out());
    assertFalse(help.out().contains("-c="), help.out());
    assertFalse(help.out().contains("file (a mesh file"), help.out());
    CliRun withFile = CliRun.of("scan", "-c", "mesh.yaml", "-o", "-");
    assertEquals(2, withFile.exitCode(), withFile.toString());
  }

  @Test
  void everyCommandSummaryInTheTopLevelHelpIsOneWholeSentence() {
    assertWholeSentences(Bent.commandLine());
  }

  /** The first description line of each subcommand is what the top-level help prints for it. */
  static void assertWholeSentences(CommandLine root) {
    root.getSubcommands().forEach((name, sub) -> {
      String[] description = sub.getCommandSpec().usageMessage().description();
      assertTrue(description.length > 0, name);
      assertTrue(description[0].endsWith("."), name + ": \"" + description[0] + "\" is cut off in 'bent --help'");
    });
  }
}
