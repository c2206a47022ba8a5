package dev.bent.write;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.emit.NodeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing many node directories at once: files the nodes share are written once. */
class NodeDirectoryWriterTest {
  @TempDir Path out;

  /** A node whose egress routes are the same bytes on every node and whose clusters are its own. */
  private static NodeFiles node(String name) {
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put("bootstrap.yaml", ("node " + name + "\n").getBytes(UTF_8));
    files.put("cds.yaml", ("clusters of " + name + "\n").getBytes(UTF_8));
    files.put("rds/egress.yaml", "the egress routes\n".getBytes(UTF_8));
    SortedMap<String, byte[]> keys = new TreeMap<>();
    keys.put("cds.yaml", key(name));
    keys.put("rds/egress.yaml", key("egress"));
    return new NodeFiles(name, files, new TreeMap<>(), keys);
  }

  private static byte[] key(String of) {
    byte[] key = new byte[32];
    byte[] bytes = of.getBytes(UTF_8);
    System.arraycopy(bytes, 0, key, 0, Math.min(bytes.length, key.length));
    return key;
  }

  private static Object inode(Path file) throws IOException {
    return Files.readAttributes(file, "unix:ino").get("ino");
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> list = Files.list(out)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileWithTheSameContentKeyOnManyNodesIsWrittenOnceAndHardLinkedIntoTheOthers() throws IOException {
    List<NodeFiles> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(node("n" + i));
    }
    OutputLayout layout = OutputLayout.of(out, "/etc/envoy", false);
    NodeDirectoryWriter.claim(nodes.stream().map(NodeFiles::node).toList(), layout);

    List<GenerationWriter.Result> results = NodeDirectoryWriter.writeEach(nodes, layout, new AtomicInteger());

    Object egress = inode(out.resolve("n0/rds/egress.yaml"));
    for (int i = 0; i < 20; i++) {
      Path node = out.resolve("n" + i);
      assertEquals(egress, inode(node.resolve("rds/egress.yaml")), "n" + i);
      assertEquals("the egress routes\n", Files.readString(node.resolve("rds/egress.yaml")));
      assertEquals("clusters of n" + i + "\n", Files.readString(node.resolve("cds.yaml")));
      if (i > 0) {
        assertNotEquals(inode(out.resolve("n0/cds.yaml")), inode(node.resolve("cds.yaml")));
      }
    }
    long files = results.stream().mapToLong(r -> r.written().files()).sum();
    assertEquals(20 + 20 + 1, files, "each bootstrap and cluster file, and the egress routes once");
    assertFalse(entries().stream().anyMatch(e -> e.startsWith(".tmp-")), "the pool is gone: " + entries());
  }

  @Test
  void aPoolLeftByAKilledWriteIsRemovedAndNothingElseIs() throws IOException {
    Path leftover = out.resolve(".tmp-shared-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    Files.createDirectories(leftover);
    Files.writeString(leftover.resolve("x"), "x");
    Path users = out.resolve(".tmp-shared-notes");
    Files.writeString(users, "mine");
    OutputLayout layout = OutputLayout.of(out, "/etc/envoy", false);
    List<NodeFiles> nodes = List.of(node("a"), node("b"));
    NodeDirectoryWriter.claim(List.of("a", "b"), layout);

    NodeDirectoryWriter.writeEach(nodes, layout, new AtomicInteger());

    assertFalse(Files.exists(leftover));
    assertTrue(Files.exists(users), "a name that is not a pool of bent's stays");
  }
}
