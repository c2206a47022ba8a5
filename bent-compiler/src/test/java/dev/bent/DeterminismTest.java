package dev.bent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {

  @Test
  void compilingTwiceGivesIdenticalBytes() throws Exception {
    for (Path sample : GoldenTest.samples()) {
      Compiler.Compilation a = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
      Compiler.Compilation b = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
      assertEquals(a.nodes().keySet(), b.nodes().keySet());
      a.nodes().forEach((node, files) -> files.files().forEach(
          (path, bytes) -> assertArrayEquals(bytes, b.nodes().get(node).files().get(path), sample + " " + node + "/" + path)));
    }
  }

  @Test
  void compilingOneNodeGivesTheSameBytesAsCompilingAll() throws Exception {
    Path sample = Meshes.projectRoot().resolve("samples/compose-config.yaml");
    Compiler.Compilation all = Compiler.compileFile(sample, List.of(), n -> "/etc/envoy/" + n);
    Compiler.Compilation one = Compiler.compileFile(sample, List.of("delta"), n -> "/etc/envoy/" + n);
    one.nodes().get("delta").files().forEach(
        (path, bytes) -> assertArrayEquals(all.nodes().get("delta").files().get(path), bytes, path));
  }
}
