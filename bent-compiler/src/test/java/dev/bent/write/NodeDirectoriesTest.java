package dev.bent.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which node directories are bent's, and removing only those. */
class NodeDirectoriesTest {
  @TempDir Path out;

  @Test
  void removesOnlyTheNodeDirectoriesBentWroteThatAreNotKept() throws Exception {
    GenerationWriter.write(out.resolve("alpha"), files("a"));
    GenerationWriter.write(out.resolve("beta"), files("b"));
    NodeDirectories.of(out, NodeDirectories.Kind.GENERATIONS).claim(List.of("alpha", "beta"));
    Files.createDirectories(out.resolve("certs"));
    Files.writeString(out.resolve("certs/ca.pem"), "mine");
    Files.createSymbolicLink(out.resolve("gamma"), out.resolve("certs"));

    NodeDirectories directories = NodeDirectories.of(out, NodeDirectories.Kind.GENERATIONS);
    List<String> removed = directories.removeAllExcept(Set.of("alpha"));

    assertEquals(List.of("beta"), removed);
    assertEquals(List.of("alpha"), List.copyOf(directories.owned()));
    assertEquals("mine", Files.readString(out.resolve("certs/ca.pem")));
    assertTrue(Files.isSymbolicLink(out.resolve("gamma")));
    assertTrue(Files.readString(out.resolve(NodeDirectories.MANIFEST)).endsWith("kind: output\nalpha\n"));
  }

  @Test
  void outputWrittenBeforeTheManifestIsRecognisedByItsGenerationLink() throws Exception {
    GenerationWriter.write(out.resolve("alpha"), files("a"));
    Files.createDirectories(out.resolve("data"));
    Files.writeString(out.resolve("data/bootstrap.yaml"), "mine");

    assertEquals(List.of("alpha"), List.copyOf(NodeDirectories.of(out, NodeDirectories.Kind.GENERATIONS).owned()));
  }

  @Test
  void anUnchangedClaimDoesNotRewriteTheManifest() throws Exception {
    NodeDirectories.of(out, NodeDirectories.Kind.GOLDEN).claim(List.of("alpha"));
    Path manifest = out.resolve(NodeDirectories.MANIFEST);
    FileTime past = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(manifest, past);

    NodeDirectories.of(out, NodeDirectories.Kind.GOLDEN).claim(List.of("alpha"));

    assertEquals(past, Files.getLastModifiedTime(manifest));
  }

  @Test
  void theOtherKindAndAForeignManifestAreRefused() throws Exception {
    NodeDirectories.of(out, NodeDirectories.Kind.GOLDEN).claim(List.of("alpha"));
    assertThrows(NodeDirectories.NotWrittenByBentException.class,
        () -> NodeDirectories.of(out, NodeDirectories.Kind.GENERATIONS));
    Files.writeString(out.resolve(NodeDirectories.MANIFEST), "alpha\n");
    assertThrows(NodeDirectories.NotWrittenByBentException.class,
        () -> NodeDirectories.of(out, NodeDirectories.Kind.GOLDEN));
  }

  private static SortedMap<String, byte[]> files(String version) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("bootstrap.yaml", ("boot " + version).getBytes(StandardCharsets.UTF_8));
    files.put("lds.yaml", ("lds " + version).getBytes(StandardCharsets.UTF_8));
    return files;
  }
}
