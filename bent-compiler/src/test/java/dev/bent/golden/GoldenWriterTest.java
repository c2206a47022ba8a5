package dev.bent.golden;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenWriterTest {
  @TempDir Path dir;

  @Test
  void writeThenReadGivesTheSameTree() throws IOException {
    GoldenTree tree = tree("a", files("bootstrap.yaml", "boot", "rds/egress.yaml", "routes"));
    GoldenWriter.Result result = GoldenWriter.write(dir, tree, true);

    assertEquals(new GoldenWriter.Result(2, 0, 0), result);
    GoldenTree read = GoldenTree.read(dir, List.of());
    assertEquals(List.of("a"), List.copyOf(read.nodes().keySet()));
    assertArrayEquals("routes".getBytes(UTF_8), read.nodes().get("a").get("rds/egress.yaml"));
  }

  @Test
  void staleFilesAndEmptiedDirectoriesAreRemoved() throws IOException {
    GoldenWriter.write(dir, GoldenTree.of(new TreeMap<>(java.util.Map.of(
        "a", files("bootstrap.yaml", "old"), "gone", files("bootstrap.yaml", "stale node")))), true);
    write("a/rds/old.yaml", "stale");

    GoldenWriter.Result result = GoldenWriter.write(dir, tree("a", files("bootstrap.yaml", "new")), true);

    assertEquals(new GoldenWriter.Result(1, 2, 0), result);
    assertFalse(Files.exists(dir.resolve("a/rds")));
    assertFalse(Files.exists(dir.resolve("gone")));
    assertEquals("new", Files.readString(dir.resolve("a/bootstrap.yaml")));
  }

  @Test
  void writingSelectedNodesLeavesOtherNodeDirectoriesAlone() throws IOException {
    write("other/bootstrap.yaml", "kept");

    GoldenWriter.write(dir, tree("a", files("bootstrap.yaml", "new")), false);

    assertEquals("kept", Files.readString(dir.resolve("other/bootstrap.yaml")));
  }

  @Test
  void topLevelFilesBelongToNoNodeAndAreKept() throws IOException {
    write("README.md", "about these files");

    GoldenWriter.write(dir, tree("a", files("bootstrap.yaml", "new")), true);

    assertEquals("about these files", Files.readString(dir.resolve("README.md")));
    assertEquals(List.of("a"), List.copyOf(GoldenTree.read(dir, List.of()).nodes().keySet()));
  }

  @Test
  void unchangedFilesAreNotRewritten() throws IOException {
    GoldenTree tree = tree("a", files("bootstrap.yaml", "same"));
    GoldenWriter.write(dir, tree, true);
    Path file = dir.resolve("a/bootstrap.yaml");
    FileTime past = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(file, past);

    GoldenWriter.Result result = GoldenWriter.write(dir, tree, true);

    assertEquals(new GoldenWriter.Result(0, 0, 1), result);
    assertFalse(result.changed());
    assertEquals(past, Files.getLastModifiedTime(file));
  }

  @Test
  void aFileReplacesADirectoryOfTheSameName() throws IOException {
    GoldenWriter.write(dir, tree("a", files("bootstrap.yaml", "x")), true);
    write("a/cds.yaml/leftover.yaml", "x");

    GoldenWriter.write(dir, tree("a", files("cds.yaml", "clusters")), true);

    assertTrue(Files.isRegularFile(dir.resolve("a/cds.yaml")));
  }

  @Test
  void unsafeNamesAreRejectedBeforeAnyWrite() {
    GoldenTree tree = GoldenTree.of(new TreeMap<>(java.util.Map.of(
        "a", files("bootstrap.yaml", "x"),
        "b", files("../escape.yaml", "x"))));

    assertThrows(IllegalArgumentException.class, () -> GoldenWriter.write(dir, tree, true));
    assertFalse(Files.exists(dir.resolve("a")));
  }

  @Test
  void aSymbolicLinkInGoldenIsAnError() throws IOException {
    write("a/target.yaml", "x");
    Files.createSymbolicLink(dir.resolve("a/lds.yaml"), Path.of("target.yaml"));

    IOException e = assertThrows(IOException.class, () -> GoldenTree.read(dir, List.of("a")));
    assertTrue(e.getMessage().contains("lds.yaml: golden files must be plain files"), e.getMessage());
  }

  @Test
  void aDirectoryThatDoesNotExistReadsAsEmpty() throws IOException {
    assertTrue(GoldenTree.read(dir.resolve("absent"), List.of("a")).nodes().isEmpty());
  }

  static GoldenTree tree(String node, SortedMap<String, byte[]> files) {
    return GoldenTree.of(new TreeMap<>(java.util.Map.of(node, files)));
  }

  static SortedMap<String, byte[]> files(String... pathsAndTexts) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(UTF_8));
    }
    return files;
  }

  private void write(String relative, String text) throws IOException {
    Path path = dir.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
