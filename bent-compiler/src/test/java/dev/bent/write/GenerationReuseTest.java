package dev.bent.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation swap: what it reuses, what it cleans up, what it reports. */
class GenerationReuseTest {
  @TempDir Path node;

  @Test
  void aVisibleNameTakenByAFileFailsBeforeAnythingIsWritten() throws Exception {
    Files.writeString(node.resolve("lds.yaml"), "mine");
    assertThrows(FileSystemException.class, () -> GenerationWriter.write(node, files("a", "boot")));
    assertEquals(List.of("lds.yaml"), names(node));
  }

  @Test
  void aGenerationThatComesBackIsReusedNotRewritten() throws Exception {
    GenerationWriter.Result first = GenerationWriter.write(node, files("a", "boot"));
    Object inode = inode(node.resolve(first.generation()));
    GenerationWriter.write(node, files("b", "boot"));
    GenerationWriter.Result back = GenerationWriter.write(node, files("a", "boot"));
    assertTrue(back.published());
    assertEquals(first.generation(), back.generation());
    assertEquals(inode, inode(node.resolve(back.generation())));
    assertEquals("lds a", Files.readString(node.resolve("lds.yaml")));
  }

  @Test
  void aFileThatDidNotChangeIsSharedWithTheLiveGenerationNotCopied() throws Exception {
    GenerationWriter.Result first = GenerationWriter.write(node, files("a", "boot"));
    SortedMap<String, byte[]> next = files("b", "boot");
    next.put("rds/egress.yaml", "rds a".getBytes(StandardCharsets.UTF_8));
    GenerationWriter.Result second = GenerationWriter.write(node, next);
    assertEquals(inode(node.resolve(first.generation()).resolve("rds/egress.yaml")),
        inode(node.resolve(second.generation()).resolve("rds/egress.yaml")));
    assertFalse(inode(node.resolve(first.generation()).resolve("lds.yaml"))
        .equals(inode(node.resolve(second.generation()).resolve("lds.yaml"))));
    assertEquals("lds b", Files.readString(node.resolve("lds.yaml")));
    assertEquals("rds a", Files.readString(node.resolve("rds/egress.yaml")));
  }

  @Test
  void leftoversOfAnInterruptedWriteAreRemovedAndOldGenerationsPruned() throws Exception {
    Files.createDirectories(node.resolve(".tmp-0123456789abcdef-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/rds"));
    Files.createSymbolicLink(node.resolve(".tmp-link-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), Path.of("..data/lds.yaml"));
    for (String version : new String[] {"a", "b", "c", "d", "e"}) {
      GenerationWriter.write(node, files(version, "boot"));
    }
    List<String> names = names(node);
    assertFalse(names.stream().anyMatch(n -> n.startsWith(".tmp-")), names.toString());
    assertEquals(3, // the live generation and the two kept before it
         names.stream().filter(n -> n.matches("\\.\\.[0-9a-f]{16}")).count());
  }

  @Test
  void onlyAnExistingBootstrapThatChangesIsReportedAsReplaced() throws Exception {
    GenerationWriter.Result created = GenerationWriter.write(node, files("a", "boot 1"));
    assertTrue(created.bootstrapChanged() && !created.bootstrapReplaced());
    GenerationWriter.Result replaced = GenerationWriter.write(node, files("a", "boot 2"));
    assertTrue(replaced.bootstrapChanged() && replaced.bootstrapReplaced());
    assertFalse(replaced.published(), "the generation did not change");
    GenerationWriter.Result same = GenerationWriter.write(node, files("a", "boot 2"));
    assertFalse(same.changed() || same.bootstrapReplaced());
  }

  private static SortedMap<String, byte[]> files(String version, String bootstrap) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("bootstrap.yaml", bootstrap.getBytes(StandardCharsets.UTF_8));
    files.put("lds.yaml", ("lds " + version).getBytes(StandardCharsets.UTF_8));
    files.put("rds/egress.yaml", ("rds " + version).getBytes(StandardCharsets.UTF_8));
    return files;
  }

  private static Object inode(Path path) throws Exception {
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
