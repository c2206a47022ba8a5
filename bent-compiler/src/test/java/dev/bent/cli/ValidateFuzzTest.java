package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Property: whatever an Envoy configuration file holds, {@code bent validate} exits 0 (valid) or 1
 * (invalid or unreadable) and never prints a stack trace. Tried on random edits of every golden
 * file (bootstrap, listeners, clusters, routes).
 */
class ValidateFuzzTest {
  private static Path work;

  /** A golden file's name and its edited text. */
  @Provide
  Arbitrary<Tuple.Tuple2<String, String>> mutatedEnvoyFiles() {
    List<Tuple.Tuple2<String, String>> files = goldenFiles();
    return Arbitraries.of(files).flatMap(file ->
        Mutations.of(Arbitraries.just(file.get2())).map(text -> Tuple.of(file.get1(), text)));
  }

  @Property
  void aMutatedEnvoyFileIsValidOrInvalidNeverACrash(@ForAll("mutatedEnvoyFiles") Tuple.Tuple2<String, String> file)
      throws IOException {
    Path path = setUp().resolve(file.get1());
    Files.writeString(path, file.get2(), StandardCharsets.UTF_8);
    CliRun run = CliRun.of("validate", path.toString());
    Statistics.collect(file.get1(), "exit " + run.exitCode());
    String context = "\n--- " + file.get1() + "\n" + shown(file.get2()) + "\n" + run;
    assertTrue(run.exitCode() == 0 || run.exitCode() == 1, context);
    assertFalse(run.err().contains("\tat ") || run.out().contains("\tat ")
        || run.err().contains("internal error"), context);
  }

  /** Every distinct kind of golden file, by its name in a node directory. */
  private static List<Tuple.Tuple2<String, String>> goldenFiles() {
    List<Tuple.Tuple2<String, String>> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(Meshes.projectRoot().resolve("golden"))) {
      for (Path file : all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(Tuple.of(file.getFileName().toString(), Files.readString(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static synchronized Path setUp() throws IOException {
    if (work == null) {
      work = Files.createTempDirectory("bent-validate-fuzz");
    }
    return work;
  }

  @AfterContainer
  static void tearDown() throws IOException {
    dev.bent.TempTrees.delete(work);
    work = null;
  }

  private static String shown(String text) {
    return text.length() > 4_000 ? text.substring(0, 4_000) + "..." : text;
  }
}
