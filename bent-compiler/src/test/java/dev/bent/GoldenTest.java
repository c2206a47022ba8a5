package dev.bent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.golden.GoldenComparison;
import dev.bent.golden.GoldenFormat;
import dev.bent.golden.GoldenWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every mesh in samples/ and compares the result with golden/SAMPLE/NODE/..., byte for
 * byte, through the same comparison as {@code bent check}. {@code -Dbent.updateGolden=true}
 * rewrites golden/ instead, removing stale files, like {@code bent update}.
 */
class GoldenTest {
  static final Path ROOT = Meshes.projectRoot();
  static final boolean UPDATE = "true".equals(System.getProperty("bent.updateGolden"));

  static List<Path> samples() throws IOException {
    try (Stream<Path> s = Files.list(ROOT.resolve("samples"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @TestFactory
  List<DynamicTest> everySampleMatchesItsGoldenFiles() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path sample : samples()) {
      String name = sample.getFileName().toString().replaceFirst("\\.yaml$", "");
      tests.add(DynamicTest.dynamicTest(name, () -> check(sample, ROOT.resolve("golden").resolve(name))));
    }
    assertTrue(tests.size() >= 6, "samples: " + tests.size());
    return tests;
  }

  private static void check(Path sample, Path golden) throws IOException {
    Compiler.Compilation compilation = GoldenFormat.compile(sample, List.of());
    if (UPDATE) {
      GoldenWriter.update(compilation, golden, List.of());
      return;
    }
    GoldenComparison comparison = GoldenComparison.of(compilation, golden, List.of());
    assertTrue(comparison.matches(),
        () -> comparison.report(golden.toString()) + "\n(update with -Dbent.updateGolden=true)");
  }
}
