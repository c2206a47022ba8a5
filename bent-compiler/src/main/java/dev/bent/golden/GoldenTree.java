package dev.bent.golden;

import dev.bent.Compiler;
import dev.bent.emit.NodeFiles;
import dev.bent.write.NodeDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a golden directory in memory: node name to (relative path to bytes), both sorted.
 * Made from a compile ({@link #of}) or read from disk ({@link #read}); {@link GoldenComparison}
 * compares two of them and {@link GoldenWriter} writes one.
 */
public final class GoldenTree {
  private final SortedMap<String, SortedMap<String, byte[]>> nodes;

  private GoldenTree(Map<String, ? extends Map<String, byte[]>> nodes) {
    SortedMap<String, SortedMap<String, byte[]>> copy = new TreeMap<>();
    nodes.forEach((node, files) -> copy.put(node, Collections.unmodifiableSortedMap(new TreeMap<>(files))));
    this.nodes = Collections.unmodifiableSortedMap(copy);
  }

  /** A tree from node name to its files (relative path to bytes). */
  public static GoldenTree of(Map<String, ? extends Map<String, byte[]>> nodes) {
    return new GoldenTree(nodes);
  }

  /** The files of every node of a compile. */
  public static GoldenTree of(Compiler.Compilation compilation) {
    SortedMap<String, SortedMap<String, byte[]>> nodes = new TreeMap<>();
    for (NodeFiles node : compilation.nodes().values()) {
      nodes.put(node.node(), node.files());
    }
    return new GoldenTree(nodes);
  }

  /** Reads the node directories that bent wrote in a golden directory ({@link #read(Path, Collection)}). */
  public static GoldenTree read(Path directory) throws IOException {
    return read(directory, List.of());
  }

  /**
   * Reads a golden directory: every node directory that bent wrote there ({@link NodeDirectories})
   * and every directory named in {@code nodes}, and every file under each one of that node's
   * files. Anything else in the directory is not part of any node and is left out. A directory
   * that does not exist reads as an empty tree.
   *
   * @throws IOException on a read error, or on a symbolic link (golden files are plain files)
   */
  public static GoldenTree read(Path directory, Collection<String> nodes) throws IOException {
    SortedMap<String, SortedMap<String, byte[]>> read = new TreeMap<>();
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return new GoldenTree(read);
    }
    SortedSet<String> names = new TreeSet<>(NodeDirectories.of(directory, NodeDirectories.Kind.GOLDEN).owned());
    names.addAll(nodes);
    for (String name : names) {
      Path child = directory.resolve(name);
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        read.put(name, readNode(child));
      } else if (Files.exists(child, LinkOption.NOFOLLOW_LINKS)) {
        requirePlain(child);
      }
    }
    return new GoldenTree(read);
  }

  private static SortedMap<String, byte[]> readNode(Path nodeDirectory) throws IOException {
    SortedMap<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(nodeDirectory)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        requirePlain(path);
        files.put(relative(nodeDirectory, path), Files.readAllBytes(path));
      }
    }
    return files;
  }

  private static void requirePlain(Path path) throws IOException {
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(
          path + ": golden files must be plain files; this is a symbolic link or a special file");
    }
  }

  static String relative(Path base, Path path) {
    return base.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> children = Files.list(directory)) {
      return children.sorted().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    }
  }

  /** Node name to its files (relative path to bytes). */
  public SortedMap<String, SortedMap<String, byte[]>> nodes() {
    return nodes;
  }

  /** The same tree with only {@code selected} nodes; all of them when {@code selected} is empty. */
  public GoldenTree only(Collection<String> selected) {
    if (selected.isEmpty()) {
      return this;
    }
    SortedMap<String, SortedMap<String, byte[]>> kept = new TreeMap<>(nodes);
    kept.keySet().retainAll(selected);
    return new GoldenTree(kept);
  }

  /** How many files the tree holds, over all nodes. */
  public int fileCount() {
    return nodes.values().stream().mapToInt(SortedMap::size).sum();
  }
}
