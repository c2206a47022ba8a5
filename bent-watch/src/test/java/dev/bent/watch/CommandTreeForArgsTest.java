package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.Meshes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@link Main#commandLineFor}: the tree built for one run answers it exactly as the whole tree. */
class CommandTreeForArgsTest {
  @TempDir Path tmp;

  @Test
  void everyRunGetsTheSameAnswerFromItsOwnTreeAsFromTheWholeTree() throws IOException {
    String sample = Meshes.projectRoot().resolve("samples/compose-config.yaml").toString();
    String out = tmp.resolve("out").toString();
    Path bad = Files.writeString(tmp.resolve("bad.yaml"),
        "nodes:\n  a:\n  - name: a.svc\n    endpoints: [{address: 10.0.0.1, port: 0}]\n");
    List<String[]> runs = List.of(
        new String[] {},
        new String[] {"--help"},
        new String[] {"-h"},
        new String[] {"--version"},
        new String[] {"-V"},
        new String[] {"--version", "compile"},
        new String[] {"-V", "--help"},
        new String[] {"--bogus"},
        new String[] {"compil"},
        new String[] {"help"},
        new String[] {"help", "compile"},
        new String[] {"help", "watch"},
        new String[] {"help", "nope"},
        new String[] {"compile", "--help"},
        new String[] {"compile", "--version"},
        new String[] {"compile"},
        new String[] {"compile", "--bogus", "-c", sample, "-o", out},
        new String[] {"compile", "-c"},
        new String[] {"compile", "-c", sample, "-o", out, "extra"},
        new String[] {"compile", "-c", tmp.resolve("missing.yaml").toString(), "-o", out},
        new String[] {"compile", "-c", bad.toString(), "-o", out},
        new String[] {"compile", "-c", sample, "-o", out, "--node", "nope"},
        new String[] {"compile", "-c", sample, "-o", out, "--envoy-dir", "/etc/envoy"},
        new String[] {"scan", "--help"},
        new String[] {"scan", "-c", sample, "-o", "-"},
        new String[] {"ca"},
        new String[] {"ca", "init", "--help"},
        new String[] {"ca", "nope"},
        new String[] {"explain", "-c", sample},
        new String[] {"schema", "--help"},
        new String[] {"validate"},
        new String[] {"flatten", "--help"},
        new String[] {"check", "--help"},
        new String[] {"update", "--help"},
        new String[] {"watch", "--help"},
        new String[] {"watch", "--bogus"});
    for (String[] args : runs) {
      String whole = run(Main.commandLine(), args, tmp.resolve("out"));
      String own = run(Main.commandLineFor(args), args, tmp.resolve("out"));
      assertEquals(whole, own, String.join(" ", args));
    }
  }

  @Test
  void aCompileBuildsOnlyTheCompileCommand() {
    assertEquals(Set.of("compile"),
        Main.commandLineFor("compile", "-c", "mesh.yaml", "-o", "out").getSubcommands().keySet());
    assertEquals(Set.of("watch"),
        Main.commandLineFor("watch", "-c", "mesh.yaml", "-o", "out").getSubcommands().keySet());
  }

  @Test
  void theVersionAloneBuildsNoSubcommand() {
    assertEquals(Set.of(), Main.commandLineFor("--version").getSubcommands().keySet());
    assertEquals(Set.of(), Main.commandLineFor("-V").getSubcommands().keySet());
  }

  @Test
  void helpAndWhatNamesNoCommandGetTheWholeTree() {
    Set<String> whole = Main.commandLine().getSubcommands().keySet();
    assertEquals(whole, Main.commandLineFor().getSubcommands().keySet());
    assertEquals(whole, Main.commandLineFor("help", "compile").getSubcommands().keySet());
    assertEquals(whole, Main.commandLineFor("--help").getSubcommands().keySet());
    assertEquals(whole, Main.commandLineFor("compil").getSubcommands().keySet());
    assertEquals(whole, Main.commandLineFor("--version", "compile").getSubcommands().keySet());
  }

  /** Exit code, output, error and what one run wrote into a fresh output directory. */
  private static String run(CommandLine cli, String[] args, Path out) throws IOException {
    if (Files.exists(out)) {
      try (Stream<Path> paths = Files.walk(out)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = cli.setOut(new PrintWriter(stdout, true)).setErr(new PrintWriter(stderr, true)).execute(args);
    List<String> nodes = new ArrayList<>();
    if (Files.exists(out)) {
      try (Stream<Path> paths = Files.list(out)) {
        paths.map(path -> path.getFileName().toString()).sorted().forEach(nodes::add);
      }
    }
    return "exit " + code + "\n--- out\n" + stdout + "--- err\n" + stderr + "--- written\n" + nodes;
  }
}
