package dev.bent.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node directories that bent wrote under one directory, and the only ones it may replace or
 * remove there. They are recorded in {@code DIR/.bent-nodes}:
 *
 * <pre>
 * # Node directories that bent wrote here; bent removes only these. Do not edit.
 * kind: golden
 * alpha
 * beta
 * </pre>
 *
 * <p>Everything else in {@code DIR} ({@code .git}, sources, {@code lost+found}, certificates on a
 * shared volume) is never touched. A node name that bent needs but that is taken by something it
 * did not write stops the write with {@link NotWrittenByBentException}, which names it.
 *
 * <p>A directory is bent's when {@code .bent-nodes} lists it and it is a real directory (never a
 * symbolic link), or when it is empty, or when its content has the unmistakable shape of bent's
 * {@link Kind}: that is how a directory written before {@code .bent-nodes} existed is recognised
 * and adopted (recorded at the next write). Removal never follows a symbolic link: a link is
 * removed as a link.
 *
 * <p>Reasoning: one place decides ownership, so that {@code bent update}, {@code bent compile} and
 * a writer that retires the directories of nodes that left the mesh all obey the same rule.
 */
public final class NodeDirectories {
  /** The manifest's file name in the directory that holds the node directories. */
  public static final String MANIFEST = ".bent-nodes";

  private static final String HEADER = "# Node directories that bent wrote here; bent removes only these. Do not edit.";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
  private static final Pattern GENERATION = Pattern.compile("\\.\\.[0-9a-f]{16}");

  /** What bent writes into a node directory, and so how one written before the manifest is recognised. */
  public enum Kind {
    /**
     * {@code bent update}'s golden files: {@code bootstrap.yaml}, {@code lds.yaml} and {@code
     * cds.yaml} at the top, every file a {@code .yaml} file, no link and no hidden name anywhere.
     */
    GOLDEN("golden"),
    /**
     * {@code bent compile} and {@code bent watch} output: a {@code ..data} symbolic link to a
     * generation directory named {@code ..} and 16 hexadecimal digits.
     */
    GENERATIONS("output");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Whether {@code directory} (a real directory) has the shape of what bent writes. */
    boolean recognises(Path directory) throws IOException {
      return this == GENERATIONS ? hasGenerationLayout(directory) : hasGoldenLayout(directory);
    }
  }

  private final Path parent;
  private final Kind kind;
  private final SortedSet<String> recorded;

  private NodeDirectories(Path parent, Kind kind, SortedSet<String> recorded) {
    this.parent = parent;
    this.kind = kind;
    this.recorded = recorded;
  }

  /**
   * The node directories of {@code parent}, from its manifest when it has one.
   *
   * @throws NotWrittenByBentException when the manifest's name is taken by a file bent did not
   *     write, or when it records the other kind (golden files in a compile output, or the reverse)
   */
  public static NodeDirectories of(Path parent, Kind kind) throws IOException {
    Path manifest = parent.resolve(MANIFEST);
    SortedSet<String> recorded = new TreeSet<>();
    if (Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotWrittenByBentException(manifest, "is not a file bent wrote; move it away");
      }
      List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
      if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).startsWith("kind: ")) {
        throw new NotWrittenByBentException(manifest, "is not a file bent wrote; move it away");
      }
      String label = lines.get(1).substring("kind: ".length());
      if (!label.equals(kind.label)) {
        throw new NotWrittenByBentException(
            parent, "holds bent " + label + ", not " + kind.label + "; choose another directory");
      }
      for (String line : lines.subList(2, lines.size())) {
        if (NAME.matcher(line).matches()) {
          recorded.add(line);
        }
      }
    }
    return new NodeDirectories(parent, kind, recorded);
  }

  /** The directory these node directories are in. */
  public Path parent() {
    return parent;
  }

  /**
   * The node directories that are bent's: recorded ones that are still real directories, and
   * unrecorded ones that {@link Kind} recognises as bent's. Sorted by name.
   */
  public SortedSet<String> owned() throws IOException {
    SortedSet<String> owned = new TreeSet<>();
    for (Path child : list(parent)) {
      String name = child.getFileName().toString();
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
          && NAME.matcher(name).matches()
          && (recorded.contains(name) || kind.recognises(child))) {
        owned.add(name);
      }
    }
    return Collections.unmodifiableSortedSet(owned);
  }

  /**
   * Checks that bent may write each of {@code nodes}' directories, then records them, before any
   * of them is written. A name is free when nothing has it, when it is an empty directory, or when
   * it is a node directory of bent's. The manifest is rewritten only when its list changes.
   *
   * @throws NotWrittenByBentException naming the first one taken by something bent did not write;
   *     nothing is written then
   */
  public void claim(Collection<String> nodes) throws IOException {
    for (String node : nodes) {
      if (!NAME.matcher(node).matches()) {
        throw new IllegalArgumentException("unsafe node directory name \"" + node + "\"");
      }
      Path directory = parent.resolve(node);
      if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.isSymbolicLink(directory)) {
        throw new NotWrittenByBentException(directory, "is a symbolic link bent did not write; move it away");
      }
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        throw new NotWrittenByBentException(directory, "is a file bent did not write; move it away");
      }
      if (!recorded.contains(node) && !list(directory).isEmpty() && !kind.recognises(directory)) {
        throw new NotWrittenByBentException(
            directory, "exists and was not written by bent (not in " + MANIFEST + "); move it away");
      }
    }
    SortedSet<String> next = new TreeSet<>(recorded);
    next.addAll(nodes);
    next.addAll(owned());
    record(next);
  }

  /**
   * Removes node directory {@code node} if it is bent's, without following any symbolic link,
   * and then drops it from the manifest. Reasoning: the manifest is updated last, so a crash in
   * between leaves a recorded, partly removed directory that the next removal finishes.
   *
   * @return how many files (not directories) were removed; 0 when it is not bent's
   */
  public int remove(String node) throws IOException {
    if (!owned().contains(node)) {
      return 0;
    }
    int files = DurableFiles.deleteRecursively(parent.resolve(node));
    SortedSet<String> next = new TreeSet<>(recorded);
    next.remove(node);
    record(next);
    return files;
  }

  /** Removes every node directory of bent's that {@code keep} does not name; returns their names. */
  public List<String> removeAllExcept(Collection<String> keep) throws IOException {
    List<String> removed = new ArrayList<>();
    for (String node : owned()) {
      if (!keep.contains(node)) {
        remove(node);
        removed.add(node);
      }
    }
    return removed;
  }

  private void record(SortedSet<String> next) throws IOException {
    if (next.equals(recorded) && Files.exists(parent.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    StringBuilder text = new StringBuilder(HEADER).append('\n').append("kind: ").append(kind.label).append('\n');
    next.forEach(name -> text.append(name).append('\n'));
    AtomicFile.write(parent.resolve(MANIFEST), text.toString().getBytes(StandardCharsets.UTF_8));
    recorded.clear();
    recorded.addAll(next);
  }

  private static boolean hasGenerationLayout(Path directory) {
    Path data = directory.resolve(GenerationWriter.DATA_LINK);
    try {
      return Files.isSymbolicLink(data)
          && GENERATION.matcher(Files.readSymbolicLink(data).toString()).matches();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean hasGoldenLayout(Path directory) throws IOException {
    for (String file : List.of(GenerationWriter.BOOTSTRAP, "lds.yaml", "cds.yaml")) {
      if (!Files.isRegularFile(directory.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(path -> !path.equals(directory)).allMatch(NodeDirectories::isGoldenEntry);
    }
  }

  private static boolean isGoldenEntry(Path path) {
    String name = path.getFileName().toString();
    if (!NAME.matcher(name).matches()) {
      return false;
    }
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
        || (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && name.endsWith(".yaml"));
  }

  private static List<Path> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    return DurableFiles.list(directory).stream().sorted().toList();
  }

  /** A name bent needs is taken by something bent did not write; the message names it. */
  public static final class NotWrittenByBentException extends FileSystemException {
    public NotWrittenByBentException(Path file, String reason) {
      super(file.toString(), null, reason);
    }
  }
}
