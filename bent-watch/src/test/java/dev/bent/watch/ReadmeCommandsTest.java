package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.bent.Meshes;
import dev.bent.source.ecs.FakeEcs;
import dev.bent.source.ecs.Labels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command line of README.md runs as the README shows it: each block in a fresh directory
 * laid out with what its commands name (the samples, {@code mesh.yaml} copied from the bundled
 * sample, golden files, a local ECS endpoint), through the real command tree in this JVM, `watch`
 * as its own process and whole scripts by {@code sh} with {@code bin/bent} running this build. A
 * synopsis line must name only commands and options that exist; a line this test does not know
 * fails it, unless {@link #NOT_RUN} lists it with the reason.
 */
class ReadmeCommandsTest {
  private static final Path ROOT = Meshes.projectRoot();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /** Command lines that cannot run here, each with the reason. */
  private static final Map<String, String> NOT_RUN = Map.of(
      "mvn bent:update", "a Maven goal in the reader's project; the invoker build update-then-check-passes runs it",
      "git diff src/test/bent", "reads the reader's repository",
      "git add src/test/bent", "writes to the reader's repository",
      "git commit", "writes to the reader's repository",
      "git diff --stat golden/mesh", "reads the reader's repository");

  /** Options whose value names a file or directory, resolved in the block's directory. */
  private static final Set<String> PATH_OPTIONS = Set.of("-c", "--config", "-o", "--output", "--golden", "--overlay");

  @Test
  void theReadmeHasItsCommandBlocks() throws IOException {
    List<ReadmeCommands.Block> blocks = ReadmeCommands.blocks(readme());
    assertTrue(blocks.size() >= 10, "the README's command blocks were not found: " + blocks);
    assertTrue(blocks.stream().anyMatch(ReadmeCommands.Block::script));
  }

  @Test
  void theReadmeSaysWhichCommandsTheTestsDoNotRun() throws IOException {
    String readme = readme().replaceAll("\\s+", " ");
    int note = readme.indexOf("Not run by the tests: ");
    assertTrue(note >= 0, "README.md no longer says which commands the tests do not run");
    String said = readme.substring(note, Math.min(readme.length(), note + 600));
    for (String command : List.of("`envoy`", "`git`", "`mvn bent:update`", "`tar`")) {
      assertTrue(said.contains(command), said);
    }
  }

  @Test
  void theFirstCommandsAreWhatCiRuns() throws IOException {
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    List<String> first = ReadmeCommands.blocks(readme()).get(0).commands();
    assertEquals(List.of(
        "mvn -q package -DskipTests && bin/bent compile -c samples/compose-config.yaml -o out/", "mvn verify"), first);
    // CI runs the README's test command in batch mode, then its compile of the sample with bin/bent.
    int verify = ci.indexOf("\nmvn -B -ntp verify\n");
    int compile = ci.indexOf("bin/bent\" compile -c \"$root/samples/compose-config.yaml\" -o out");
    assertTrue(verify >= 0 && compile > verify, ".ci/run no longer runs what the README's first commands say");
    String launcher = Files.readString(ROOT.resolve("bin/bent"));
    assertTrue(launcher.contains("bent-watch/target") && launcher.contains("bent.jar"), launcher);
    assertTrue(Files.readString(ROOT.resolve("bent-watch/pom.xml")).contains("<finalName>bent</finalName>"),
        "mvn package no longer builds the bent.jar that bin/bent runs");
  }

  @TestFactory
  Stream<DynamicTest> everyCommandBlockRuns() throws IOException {
    return ReadmeCommands.blocks(readme()).stream().map(block -> DynamicTest.dynamicTest(
        "README.md:" + block.line() + " " + (block.script() ? "script" : block.commands().get(0)),
        () -> run(block)));
  }

  /**
   * The command of the init container and of the watch sidecar in the ECS section: run as a task
   * would, as its own process with ECS_CONTAINER_METADATA_URI_V4 naming the task, in region and
   * credentials from the environment, against the local ECS endpoint.
   */
  @TestFactory
  Stream<DynamicTest> everyTaskCommandRuns() throws IOException {
    List<List<String>> argvs = ReadmeCommands.argvs(readme());
    assertTrue(argvs.size() >= 2, "the task definition's commands were not found: " + argvs);
    return argvs.stream().map(argv -> DynamicTest.dynamicTest(String.join(" ", argv), () -> {
      Path ws = Files.createTempDirectory("readme-");
      try (FakeEcs ecs = new FakeEcs()) {
        Workspace w = new Workspace(ws, ecs);
        w.layOut();
        w.task(argv);
      } finally {
        Workspace.delete(ws);
      }
    }));
  }

  private void run(ReadmeCommands.Block block) throws Exception {
    Path ws = Files.createTempDirectory("readme-");
    try (FakeEcs ecs = new FakeEcs()) {
      Workspace w = new Workspace(ws, ecs);
      w.layOut();
      if (block.script()) {
        w.runScript(block.text());
        return;
      }
      for (String line : block.commands()) {
        for (String part : line.split(" && ")) {
          runLine(w, part.strip());
        }
      }
    } finally {
      Workspace.delete(ws);
    }
  }

  private void runLine(Workspace w, String line) throws Exception {
    List<String> words = ReadmeCommands.words(line);
    String head = words.get(0);
    if (NOT_RUN.containsKey(line)) {
      return;
    }
    if (head.equals("bent") || head.endsWith("bin/bent")) {
      List<String> args = words.subList(1, words.size());
      if (ReadmeCommands.isSynopsis(words)) {
        checkSynopsis(line, args);
        // A synopsis whose only open parts are optional runs without them.
        List<String> required = ReadmeCommands.withoutOptionalParts(words);
        if (!required.equals(words) && !ReadmeCommands.isSynopsis(required)) {
          runLine(w, String.join(" ", required));
        }
      } else if (!args.isEmpty() && args.get(0).equals("watch")) {
        w.watch(args);
      } else {
        w.bent(line, args);
      }
    } else if (head.equals("mvn")) {
      // The README's Maven lines are what .ci/run runs (see theFirstCommandsAreWhatCiRuns).
      assertTrue(Set.of("mvn -q package -DskipTests", "mvn verify", "mvn -B -ntp verify").contains(line),
          "a Maven command this test does not know: " + line);
    } else if (head.equals("tar")) {
      // The distribution is built by `mvn package`, after the tests; .ci/run unpacks it as shown.
      String ci = Files.readString(ROOT.resolve(".ci/run"));
      String check = Files.readString(ROOT.resolve("bent-watch/src/dist/check.sh"));
      assertTrue(line.startsWith("tar -xzf bent-watch/target/bent-") && line.endsWith("-linux-x64.tar.gz -C /opt")
          && ci.contains("bent-watch/src/dist/check.sh") && check.contains("tar -xzf \"$target\"/bent-*-linux-x64.tar.gz"),
          "a tar line that CI does not run: " + line);
    } else if (head.equals("envoy")) {
      // Envoy is not run here (EnvoyFactsTest and the validate corpus check what it accepts);
      // the file the README hands it must exist after the commands before it.
      Path config = w.path(words.get(words.indexOf("-c") + 1));
      assertTrue(Files.isRegularFile(config), line + ": " + config + " was not written");
    } else {
      fail("README.md has a command line this test does not know; run it here or list it in NOT_RUN: " + line);
    }
  }

  /** A command quoted in the text (`bent scan --overlay FILE`) names a command and options that exist. */
  @Test
  void everyCommandInTheTextNamesCommandsAndOptionsThatExist() throws IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("`((?:bin/)?bent [-a-z][^`]*)`").matcher(readme());
    int found = 0;
    while (m.find()) {
      List<String> words = ReadmeCommands.words(m.group(1));
      checkSynopsis(m.group(1), words.subList(1, words.size()));
      found++;
    }
    assertTrue(found >= 20, "the README's quoted commands were not found");
  }

  /** Every command and option a synopsis line names exists in bent's command tree. */
  private static void checkSynopsis(String line, List<String> args) {
    CommandLine root = Main.commandLine();
    CommandLine command = root;
    CommandLine alternatives = root;
    boolean named = false;
    boolean value = false;
    for (String word : args) {
      if (value) {
        value = false;
        continue;
      }
      if (word.equals("|")) {
        // "init ... | issue ...": the alternative is another subcommand of the same command.
        command = alternatives;
        named = false;
        continue;
      }
      if (!named && word.matches("[a-z][-a-z]*")) {
        CommandLine sub = command.getSubcommands().get(word);
        assertNotNull(sub, line + ": " + command.getCommandName() + " has no command " + word);
        alternatives = command;
        command = sub;
        continue;
      }
      named |= !word.startsWith("-") && !word.startsWith("[") && !word.equals("COMMAND");
      for (String alternative : word.replaceAll("[\\[\\]]|\\.\\.\\.$", "").split("\\|")) {
        if (alternative.startsWith("-") && !alternative.equals("-")) {
          CommandSpec spec = command.getCommandSpec();
          OptionSpec option = spec.findOption(alternative);
          assertNotNull(option, line + ": " + spec.name() + " has no option " + alternative);
          value = option.arity().max() > 0 && !word.endsWith("]");
        }
      }
    }
  }

  /** Resolves path arguments in the block's directory; an absolute path is taken below it too. */
  static List<String> resolved(Workspace w, List<String> args) {
    CommandLine sub = Main.commandLine();
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < args.size() && sub.getSubcommands().containsKey(args.get(i))) {
      sub = sub.getSubcommands().get(args.get(i));
      out.add(args.get(i++));
    }
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("-")) {
        out.add(a);
        OptionSpec option = sub.getCommandSpec().findOption(a);
        if (option != null && option.arity().max() > 0 && i + 1 < args.size()) {
          String value = args.get(++i);
          boolean path = PATH_OPTIONS.contains(a) || option.type() == Path.class || option.type() == java.io.File.class;
          out.add(path && !value.equals("-") ? w.path(value).toString() : value);
        }
      } else {
        out.add(w.path(a).toString());
      }
    }
    return out;
  }

  /** The output of one in-process run of bent's command tree. */
  record Run(int exitCode, String out, String err) {
    static Run of(List<String> args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
          .execute(args.toArray(String[]::new));
      return new Run(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"));
  }

  static boolean processEnded(Process p) throws InterruptedException {
    return p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  static String json(Path yaml) throws IOException {
    return new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(yaml.toFile()));
  }

  static Map<String, Map<String, String>> echoLabels() {
    return Labels.seedEcho();
  }
}
