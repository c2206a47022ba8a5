package dev.bent.golden;

import dev.bent.Compiler;
import dev.bent.write.NodeDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a {@link GoldenTree} into a golden directory, so that each node directory written holds
 * exactly the tree's files afterwards.
 *
 * <p>The steps, which the code marks:
 *
 * <ol>
 *   <li>Check every node name and relative path before any I/O, and that every node directory to
 *       be written is free or bent's ({@link NodeDirectories}); record them as bent's.
 *   <li>In each node directory of the tree, remove files the tree does not have, then directories
 *       left empty.
 *   <li>Write each file whose bytes differ or that is absent; leave equal files untouched.
 *   <li>When the tree is the whole mesh, remove bent's node directories of nodes it does not have.
 *       When it is a selection of nodes, no other node directory is touched.
 * </ol>
 *
 * <p>Only node directories that bent wrote are ever written into or removed; everything else in
 * the golden directory (plain files, sources, {@code .git}) is left alone.
 * Reasoning: golden files are read by reviewers and tests, never by a running Envoy, so plain
 * writes suffice here; the atomic generation swap is {@link dev.bent.write.GenerationWriter}'s job.
 */
public final class GoldenWriter {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  private GoldenWriter() {}

  /** What an update did, counted in files. */
  public record Result(int written, int removed, int unchanged) {
    /** Whether any file was written or removed. */
    public boolean changed() {
      return written + removed > 0;
    }
  }

  /**
   * Writes a compile into {@code directory}: with {@code nodes} given only those nodes' directories
   * are touched; without, node directories that the mesh no longer has are removed too.
   */
  public static Result update(Compiler.Compilation compilation, Path directory, List<String> nodes)
      throws IOException {
    return write(directory, GoldenTree.of(compilation), nodes.isEmpty());
  }

  /**
   * Writes {@code tree} into {@code directory}.
   *
   * @param wholeMesh whether {@code tree} holds every node, so that other node directories are stale
   */
  public static Result write(Path directory, GoldenTree tree, boolean wholeMesh) throws IOException {
    // 1. Check every name before any I/O.
    tree.nodes().forEach((node, files) -> {
      checkSegment(node, node);
      files.keySet().forEach(path -> Arrays.stream(path.split("/", -1)).forEach(s -> checkSegment(s, path)));
    });
    NodeDirectories owned = NodeDirectories.of(directory, NodeDirectories.Kind.GOLDEN);
    owned.claim(tree.nodes().keySet());
    int written = 0;
    int removed = 0;
    int unchanged = 0;
    for (Map.Entry<String, SortedMap<String, byte[]>> node : tree.nodes().entrySet()) {
      Path nodeDirectory = directory.resolve(node.getKey());
      // 2. Remove stale files, then empty directories.
      removed += removeStale(nodeDirectory, node.getValue());
      // 3. Write what changed.
      for (Map.Entry<String, byte[]> file : node.getValue().entrySet()) {
        if (writeIfChanged(nodeDirectory.resolve(file.getKey()), file.getValue())) {
          written++;
        } else {
          unchanged++;
        }
      }
    }
    // 4. Remove bent's directories of nodes the mesh no longer has.
    if (wholeMesh) {
      for (String node : owned.owned()) {
        if (!tree.nodes().containsKey(node)) {
          removed += owned.remove(node);
        }
      }
    }
    return new Result(written, removed, unchanged);
  }

  private static void checkSegment(String segment, String in) {
    if (!SEGMENT.matcher(segment).matches()) {
      throw new IllegalArgumentException("unsafe golden path segment \"" + segment + "\" in \"" + in + "\"");
    }
  }

  private static int removeStale(Path nodeDirectory, SortedMap<String, byte[]> files) throws IOException {
    if (!Files.isDirectory(nodeDirectory, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int removed = 0;
    for (Path path : walkDeepestFirst(nodeDirectory)) {
      boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
      if (directory && !path.equals(nodeDirectory) && GoldenTree.list(path).isEmpty()) {
        Files.delete(path);
      } else if (!directory && !files.containsKey(GoldenTree.relative(nodeDirectory, path))) {
        Files.delete(path);
        removed++;
      }
    }
    return removed;
  }

  private static boolean writeIfChanged(Path path, byte[] content) throws IOException {
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(path), content)) {
      return false;
    }
    Files.createDirectories(path.getParent());
    if (Files.isSymbolicLink(path)) {
      Files.delete(path); // replace the link itself, never what it points at
    }
    Files.write(path, content);
    return true;
  }

  /** Every path under {@code root} and root itself, children before their directory. */
  private static List<Path> walkDeepestFirst(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.sorted(Comparator.reverseOrder()).toList();
    }
  }
}
