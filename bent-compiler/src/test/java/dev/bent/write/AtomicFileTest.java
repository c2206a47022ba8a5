package dev.bent.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file replaced all at once, through a link it never follows, leaving no temporary behind. */
class AtomicFileTest {
  @TempDir Path dir;

  @Test
  void replacesTheFileAndLeavesNoTemporary() throws Exception {
    Path file = dir.resolve("sub/mesh.yaml");
    AtomicFile.write(file, "one\n".getBytes(StandardCharsets.UTF_8));
    AtomicFile.write(file, "two\n".getBytes(StandardCharsets.UTF_8));

    assertEquals("two\n", Files.readString(file));
    try (Stream<Path> entries = Files.list(file.getParent())) {
      assertEquals(List.of("mesh.yaml"), entries.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aLinkInItsPlaceIsReplacedNotFollowed() throws Exception {
    Path target = dir.resolve("target.yaml");
    Files.writeString(target, "kept\n");
    Path file = dir.resolve("out.yaml");
    Files.createSymbolicLink(file, target);

    AtomicFile.write(file, "new\n".getBytes(StandardCharsets.UTF_8));

    assertEquals("kept\n", Files.readString(target));
    assertEquals("new\n", Files.readString(file));
  }
}
