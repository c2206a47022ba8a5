package dev.bent.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.emit.NodeFiles;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationWriterTest {
  @TempDir Path dir;

  private static SortedMap<String, byte[]> files(String marker) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("bootstrap.yaml", "boot\n".getBytes(UTF_8));
    files.put("lds.yaml", ("lds " + marker).getBytes(UTF_8));
    files.put("cds.yaml", ("cds " + marker).getBytes(UTF_8));
    files.put("rds/egress.yaml", ("egress " + marker).getBytes(UTF_8));
    files.put("rds/ingress.yaml", ("ingress " + marker).getBytes(UTF_8));
    return files;
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  private List<String> generations() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\.\\.[0-9a-f]{16}")).sorted().toList();
    }
  }

  @Test
  void firstWriteCreatesTheSymlinkLayout() throws IOException {
    GenerationWriter.Result result = GenerationWriter.write(dir, files("1"));
    assertTrue(result.published());
    assertTrue(result.bootstrapChanged());
    assertEquals(Path.of(result.generation()), Files.readSymbolicLink(dir.resolve("..data")));
    assertEquals(Path.of("..data/lds.yaml"), Files.readSymbolicLink(dir.resolve("lds.yaml")));
    assertEquals(Path.of("..data/cds.yaml"), Files.readSymbolicLink(dir.resolve("cds.yaml")));
    assertEquals(Path.of("..data/rds"), Files.readSymbolicLink(dir.resolve("rds")));
    assertFalse(Files.isSymbolicLink(dir.resolve("bootstrap.yaml")));
    assertEquals("lds 1", read("lds.yaml"));
    assertEquals("egress 1", read("rds/egress.yaml"));
    assertEquals("boot\n", read("bootstrap.yaml"));
  }

  @Test
  void unchangedOutputIsNotRewritten() throws IOException {
    GenerationWriter.write(dir, files("1"));
    Path generation = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
    // Backdated, so that a rewrite within one timestamp tick would still show.
    var before = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(generation.resolve("lds.yaml"), before);
    Files.setLastModifiedTime(dir.resolve("bootstrap.yaml"), before);
    var bootstrapInode = Files.readAttributes(dir.resolve("bootstrap.yaml"), "unix:ino").get("ino");
    GenerationWriter.Result again = GenerationWriter.write(dir, files("1"));
    assertFalse(again.changed());
    assertEquals(before, Files.getLastModifiedTime(generation.resolve("lds.yaml")));
    assertEquals(bootstrapInode, Files.readAttributes(dir.resolve("bootstrap.yaml"), "unix:ino").get("ino"));
    assertEquals(before, Files.getLastModifiedTime(dir.resolve("bootstrap.yaml")));
    assertEquals(1, generations().size());
  }

  @Test
  void changePublishesANewGenerationAndKeepsTheOldOne() throws IOException {
    String first = GenerationWriter.write(dir, files("1")).generation();
    GenerationWriter.Result second = GenerationWriter.write(dir, files("2"));
    assertTrue(second.published());
    assertFalse(second.bootstrapChanged(), "same bootstrap bytes");
    assertNotEquals(first, second.generation());
    assertEquals("cds 2", read("cds.yaml"));
    assertEquals("ingress 2", read("rds/ingress.yaml"));
    assertEquals(List.of(first, second.generation()).stream().sorted().toList(), generations());
  }

  @Test
  void aWriteCountsTheFilesAndBytesItPutOnDiskButNotItsHardLinks() throws IOException {
    GenerationWriter.Result first = GenerationWriter.write(dir, files("1"));
    // lds 1, cds 1, egress 1, ingress 1 and the bootstrap: 5 + 5 + 8 + 9 + 5 bytes.
    assertEquals(new GenerationWriter.Written(5, 32), first.written());
    SortedMap<String, byte[]> oneChanged = files("1");
    oneChanged.put("cds.yaml", "cds 22".getBytes(UTF_8));
    assertEquals(new GenerationWriter.Written(1, 6), GenerationWriter.write(dir, oneChanged).written());
    assertEquals(GenerationWriter.Written.NONE, GenerationWriter.write(dir, oneChanged).written());
  }

  @Test
  void aGenerationIsNamedByTheContentKeysItsEmitterGaveElseByItsBytes() throws IOException {
    SortedMap<String, byte[]> files = files("1");
    String byBytes = GenerationWriter.write(dir.resolve("a"), new NodeFiles("a", files)).generation();
    assertEquals(byBytes, GenerationWriter.write(dir.resolve("b"), files).generation());
    SortedMap<String, byte[]> keys = new TreeMap<>(java.util.Map.of("cds.yaml", new byte[32]));
    String keyed = GenerationWriter.write(dir.resolve("c"), new NodeFiles("c", files, new TreeMap<>(), keys))
        .generation();
    assertNotEquals(byBytes, keyed);
    SortedMap<String, byte[]> otherKey = new TreeMap<>(java.util.Map.of("cds.yaml", new byte[] {1}));
    assertNotEquals(keyed, GenerationWriter.write(dir.resolve("d"), new NodeFiles("d", files, new TreeMap<>(),
        otherKey)).generation());
  }

  /** A node of {@link #files} whose content keys are the markers of its files. */
  private static NodeFiles keyed(String lds, String cds) {
    SortedMap<String, byte[]> files = files("1");
    files.put("lds.yaml", ("lds " + lds).getBytes(UTF_8));
    files.put("cds.yaml", ("cds " + cds).getBytes(UTF_8));
    SortedMap<String, byte[]> keys = new TreeMap<>();
    keys.put("lds.yaml", ("lds " + lds).getBytes(UTF_8));
    keys.put("cds.yaml", ("cds " + cds).getBytes(UTF_8));
    return new NodeFiles("n", files, new TreeMap<>(), keys);
  }

  @Test
  void withTheKeysOfTheLiveGenerationKnownAnUnchangedFileIsLinkedWithoutReadingIt() throws IOException {
    PublishedKeys published = new PublishedKeys();
    GenerationWriter.write(dir, keyed("a", "a"), SharedFiles.NONE, published);
    Path liveLds = dir.resolve("..data/lds.yaml").toRealPath();
    // Edited in place behind bent's back (same length): bytes no longer match, the key still does.
    Files.writeString(liveLds, "lds X");

    GenerationWriter.Result known = GenerationWriter.write(dir, keyed("a", "b"), SharedFiles.NONE, published);

    assertEquals(new GenerationWriter.Written(1, 5), known.written(), "only cds.yaml written");
    assertEquals(Files.readAttributes(liveLds, "unix:ino").get("ino"),
        Files.readAttributes(dir.resolve("..data/lds.yaml"), "unix:ino").get("ino"), "linked by its key");
    GenerationWriter.Result compared = GenerationWriter.write(dir, keyed("a", "c"), SharedFiles.NONE, PublishedKeys.NONE);
    assertEquals(new GenerationWriter.Written(2, 10), compared.written(), "without the keys the bytes decide");
  }

  @Test
  void oldGenerationsArePrunedBeyondTheKeptCount() throws IOException {
    for (int i = 0; i < 6; i++) {
      GenerationWriter.write(dir, files(Integer.toString(i)));
    }
    assertEquals(3, generations().size(), "the live generation and the two kept before it");
    assertEquals("lds 5", read("lds.yaml"));
  }

  @Test
  void aFileRemovedFromTheOutputDisappears() throws IOException {
    GenerationWriter.write(dir, files("1"));
    SortedMap<String, byte[]> fewer = files("2");
    fewer.remove("rds/ingress.yaml");
    GenerationWriter.write(dir, fewer);
    assertFalse(Files.exists(dir.resolve("rds/ingress.yaml")));
    assertEquals("egress 2", read("rds/egress.yaml"));
  }

  @Test
  void aVisibleNameTheNewGenerationLacksIsRemoved() throws IOException {
    SortedMap<String, byte[]> more = files("1");
    more.put("eds.yaml", "x".getBytes(UTF_8));
    GenerationWriter.write(dir, more);
    assertTrue(Files.isSymbolicLink(dir.resolve("eds.yaml")));
    GenerationWriter.write(dir, files("2"));
    assertFalse(Files.exists(dir.resolve("eds.yaml"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void failureHalfWayLeavesTheLiveGenerationIntact() throws IOException {
    SortedMap<String, byte[]> first = files("1");
    String live = GenerationWriter.write(dir, first).generation();
    // A new top-level name whose place is taken by a plain file: publishing must stop before the swap.
    Files.writeString(dir.resolve("eds.yaml"), "mine");
    SortedMap<String, byte[]> next = files("2");
    next.put("eds.yaml", "new".getBytes(UTF_8));
    FileSystemException e = assertThrows(FileSystemException.class, () -> GenerationWriter.write(dir, next));
    assertEquals(dir.resolve("eds.yaml").toString(), e.getFile());
    assertEquals(Path.of(live), Files.readSymbolicLink(dir.resolve("..data")));
    assertEquals("lds 1", read("lds.yaml"));
    assertEquals("mine", read("eds.yaml"));
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary left");
    }
  }

  @Test
  void leftoversOfAnInterruptedWriteAreRemoved() throws IOException {
    GenerationWriter.write(dir, files("1"));
    Files.createDirectories(dir.resolve(".tmp-0123456789abcdef-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/rds"));
    Files.createSymbolicLink(dir.resolve(".tmp-link-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), Path.of("..data"));
    Files.writeString(dir.resolve(".tmp-notes"), "mine");
    GenerationWriter.write(dir, files("1"));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(".tmp-notes"),
          s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList(),
          "bent's leftovers are removed, a name that only starts like one is not");
    }
  }

  @Test
  void aStaleGenerationOfTheSameNameIsReplaced() throws IOException {
    String g1 = GenerationWriter.write(dir, files("1")).generation();
    GenerationWriter.write(dir, files("2"));
    Files.writeString(dir.resolve(g1).resolve("lds.yaml"), "tampered");
    GenerationWriter.Result back = GenerationWriter.write(dir, files("1"));
    assertEquals(g1, back.generation());
    assertEquals("lds 1", read("lds.yaml"));
  }

  @Test
  void unsafeRelativePathsAreRefusedBeforeAnyIo() {
    SortedMap<String, byte[]> bad = files("1");
    bad.put("../escape.yaml", new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> GenerationWriter.write(dir.resolve("new"), bad));
    assertFalse(Files.exists(dir.resolve("new")));
  }

  @Test
  void bootstrapIsReplacedWhenItChanges() throws IOException {
    GenerationWriter.write(dir, files("1"));
    SortedMap<String, byte[]> changed = files("1");
    changed.put("bootstrap.yaml", "boot 2\n".getBytes(UTF_8));
    GenerationWriter.Result result = GenerationWriter.write(dir, changed);
    assertFalse(result.published());
    assertTrue(result.bootstrapChanged());
    assertArrayEquals("boot 2\n".getBytes(UTF_8), Files.readAllBytes(dir.resolve("bootstrap.yaml")));
  }
}
