package dev.bent.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Meshes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The direct emitter writes the bytes the Jackson reference writes for every compiled sample (the
 * golden meshes) and test mesh.
 */
class DirectEmitterMatchesJacksonTest {
  @TestFactory
  List<DynamicTest> everySampleAndTestMeshEmitsTheReferenceBytes() throws IOException {
    Path root = Meshes.projectRoot();
    List<Path> meshes = new ArrayList<>(yamlFiles(root.resolve("samples")));
    meshes.addAll(yamlFiles(root.resolve("bent-compiler/src/test/resources/dev/bent/golden")).stream()
        .filter(p -> !p.getFileName().toString().startsWith("bad-")).toList());
    List<DynamicTest> tests = new ArrayList<>();
    for (Path mesh : meshes) {
      tests.add(DynamicTest.dynamicTest(root.relativize(mesh).toString(),
          () -> assertTrue(EmitterComparison.compareFile(mesh) > 0)));
    }
    return tests;
  }

  /** Every golden mesh is a sample: each golden directory has its mesh in samples/. */
  @TestFactory
  List<DynamicTest> everyGoldenMeshIsAmongTheComparedSamples() throws IOException {
    Path root = Meshes.projectRoot();
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> golden = Files.list(root.resolve("golden"))) {
      for (Path dir : golden.filter(Files::isDirectory).sorted().toList()) {
        Path sample = root.resolve("samples").resolve(dir.getFileName() + ".yaml");
        tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(),
            () -> assertTrue(Files.isRegularFile(sample), sample + " missing")));
      }
    }
    return tests;
  }

  static List<Path> yamlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }
}
