package dev.bent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.emit.NodeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiles every mesh in samples/ and compares the result with golden/SAMPLE/NODE/..., byte for
 * byte. {@code -Dbent.updateGolden=true} rewrites golden/ instead and removes stale files.
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
    assertTrue(tests.size() >= 4, "samples: " + tests.size());
    return tests;
  }

  private static void check(Path sample, Path golden) throws IOException {
    Compiler.Compilation compilation =
        Compiler.compileFile(sample, List.of(), node -> "/etc/envoy/" + node);
    Map<String, byte[]> expected = new TreeMap<>();
    for (NodeFiles node : compilation.nodes().values()) {
      node.files().forEach((path, bytes) -> expected.put(node.node() + "/" + path, bytes));
    }
    if (UPDATE) {
      rewrite(golden, expected);
      return;
    }
    Map<String, byte[]> actual = read(golden);
    assertEquals(expected.keySet(), actual.keySet(), "files of " + golden + " (update with -Dbent.updateGolden=true)");
    for (String path : expected.keySet()) {
      assertEquals(
          new String(actual.get(path), StandardCharsets.UTF_8),
          new String(expected.get(path), StandardCharsets.UTF_8),
          golden.resolve(path) + " differs (update with -Dbent.updateGolden=true)");
      assertArrayEquals(actual.get(path), expected.get(path));
    }
  }

  static Map<String, byte[]> read(Path golden) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.isDirectory(golden)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(golden)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(golden.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private static void rewrite(Path golden, Map<String, byte[]> expected) throws IOException {
    for (String stale : read(golden).keySet()) {
      if (!expected.containsKey(stale)) {
        Files.delete(golden.resolve(stale));
      }
    }
    for (Map.Entry<String, byte[]> file : expected.entrySet()) {
      Path path = golden.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    try (Stream<Path> s = Files.walk(golden)) {
      for (Path dir : s.filter(Files::isDirectory).sorted((a, b) -> b.compareTo(a)).toList()) {
        try (Stream<Path> children = Files.list(dir)) {
          if (children.findAny().isEmpty()) {
            Files.delete(dir);
          }
        }
      }
    }
    assertFalse(read(golden).isEmpty());
  }
}
