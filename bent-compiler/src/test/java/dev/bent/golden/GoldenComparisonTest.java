package dev.bent.golden;

import static dev.bent.golden.GoldenWriterTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenComparisonTest {
  @TempDir Path dir;

  @Test
  void equalTreesMatch() {
    // Two trees built apart, with equal bytes in distinct arrays: equal content, not the same objects.
    GoldenTree golden = GoldenTree.of(new TreeMap<>(Map.of("a", files("x.yaml", "1\n", "y.yaml", "2\n"))));
    GoldenTree compiled = GoldenTree.of(new TreeMap<>(Map.of("a", files("y.yaml", "2\n", "x.yaml", "1\n"))));

    GoldenComparison comparison = GoldenComparison.compare(golden, compiled);

    assertTrue(comparison.matches());
    assertEquals("2 files of 1 node match", comparison.summary());
    assertEquals("", comparison.report("golden"));
  }

  @Test
  void changedMissingAndExtraFilesAreReported() {
    GoldenTree golden = GoldenTree.of(new TreeMap<>(Map.of(
        "a", files("same.yaml", "s\n", "changed.yaml", "old\n", "stale.yaml", "x\n"),
        "gone", files("bootstrap.yaml", "b\n"))));
    GoldenTree compiled = GoldenTree.of(new TreeMap<>(Map.of(
        "a", files("same.yaml", "s\n", "changed.yaml", "new\n", "added.yaml", "y\n"))));

    GoldenComparison comparison = GoldenComparison.compare(golden, compiled);

    assertEquals(List.of("a/changed.yaml"), comparison.files(GoldenComparison.Kind.CHANGED));
    assertEquals(List.of("a/added.yaml"), comparison.files(GoldenComparison.Kind.MISSING));
    assertEquals(List.of("a/stale.yaml", "gone/bootstrap.yaml"), comparison.files(GoldenComparison.Kind.EXTRA));
    assertEquals("1 file differs, 1 missing, 2 extra", comparison.summary());
    assertEquals(
        """
        --- g/a/changed.yaml
        +++ compiled/a/changed.yaml
        @@ -1 +1 @@
        -old
        +new
        missing: a/added.yaml (compiled, but not in g)
        extra: a/stale.yaml (in g, but no longer compiled)
        extra: gone/bootstrap.yaml (in g, but no longer compiled)
        """,
        comparison.report("g"));
  }

  @Test
  void filesThatAreNotTextAreNamedNotDiffed() {
    GoldenTree golden = GoldenTree.of(new TreeMap<>(Map.of("a", Map.of("b.bin", new byte[] {(byte) 0xff}))));
    GoldenTree compiled = GoldenTree.of(new TreeMap<>(Map.of("a", Map.of("b.bin", new byte[] {(byte) 0xfe}))));

    assertEquals(
        "Binary files g/a/b.bin and compiled/a/b.bin differ\n",
        GoldenComparison.compare(golden, compiled).report("g"));
  }

  @Test
  void aCompileOfSelectedNodesIgnoresOtherNodesGolden() throws IOException {
    Path mesh = TestMeshes.copy(TestMeshes.TWO_NODES, dir);
    Path golden = dir.resolve("golden");
    GoldenWriter.update(GoldenFormat.compile(mesh, List.of()), golden, List.of());
    Files.writeString(golden.resolve("alpha/bootstrap.yaml"), "edited by hand\n");

    Compiler.Compilation beta = GoldenFormat.compile(mesh, List.of("beta"));

    assertTrue(GoldenComparison.of(beta, golden, List.of("beta")).matches());
    assertEquals(
        List.of("alpha/bootstrap.yaml"),
        GoldenComparison.of(GoldenFormat.compile(mesh, List.of()), golden, List.of())
            .files(GoldenComparison.Kind.CHANGED));
  }

  @Test
  void goldenBytesDoNotDependOnWhereTheMeshLies() throws IOException {
    Path first = TestMeshes.copy(TestMeshes.TWO_NODES, dir.resolve("checkout-one"));
    Path second = TestMeshes.copy(TestMeshes.TWO_NODES, dir.resolve("elsewhere/checkout-two"));

    GoldenTree one = GoldenTree.of(GoldenFormat.compile(first, List.of()));
    GoldenTree two = GoldenTree.of(GoldenFormat.compile(second, List.of()));

    assertTrue(GoldenComparison.compare(one, two).matches());
    String bootstrap = new String(one.nodes().get("beta").get("bootstrap.yaml"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(bootstrap.contains(GoldenFormat.envoyDir("beta") + "/lds.yaml"), bootstrap);
  }
}
