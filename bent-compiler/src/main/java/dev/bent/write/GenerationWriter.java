package dev.bent.write;

import dev.bent.emit.NodeFiles;
import dev.bent.ir.PemFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Writes one node directory so that a running Envoy only ever sees a complete set of files, and
 * reloads all of them at once.
 *
 * <p>The layout (the Kubernetes atomic-writer scheme):
 *
 * <pre>
 * node/bootstrap.yaml                  regular file, read once by Envoy at start
 * node/lds.yaml -> ..data/lds.yaml     visible names are relative symlinks through ..data
 * node/cds.yaml -> ..data/cds.yaml
 * node/rds      -> ..data/rds
 * node/..data   -> ..3f9c0a1b2c3d4e5f  the live generation; Envoy watches node/ itself
 * node/..3f9c0a1b2c3d4e5f/             one generation, named by the digest of its content
 * </pre>
 *
 * <p>The algorithm, whose steps the code marks:
 *
 * <ol>
 *   <li>Check every relative path, and that every name this writes is free or bent's, before any
 *       I/O; remove leftovers of an interrupted write.
 *   <li>Name the generation by a digest of its files: their paths, lengths and content keys (the
 *       SHA-256 the emitter computed for each, else of the bytes).
 *   <li>Unless a directory of that name already holds exactly those bytes (the live generation
 *       when nothing changed, or a kept one coming back), write the generation into a temporary
 *       directory beside it, every file and directory fsynced, then rename it to its name.
 *       A file whose bytes equal the live generation's is a hard link to it, not a copy, and so
 *       is a file that another node of the same write already wrote ({@link SharedFiles}).
 *   <li>Publish, unless {@code ..data} already points at it: create a temporary symlink to the
 *       generation and rename it over {@code ..data}. This one rename is what Envoy sees (inotify
 *       IN_MOVED_TO in the watched directory); it swaps every file at once.
 *   <li>Make sure each visible name is a symlink into {@code ..data}. This comes after the swap so
 *       that a new name never points at a file the live generation does not have.
 *   <li>Replace bootstrap.yaml (temp file, fsync, rename) only if its bytes changed; then one
 *       fsync of the directory for the renames of steps 5 and 6.
 *   <li>Remove visible names that the new generation no longer has, and old generations beyond
 *       the newest {@link #KEPT_GENERATIONS}.
 * </ol>
 *
 * <p>An installed {@link WriteStepHook} is told before steps 1, 3 (once the temporary directory
 * is complete, before its rename), 4, 5, 6 and 7.
 *
 * <p>A failure before step 4 leaves the live generation untouched; the temporary directory is
 * removed. Renames are {@code ATOMIC_MOVE} within one directory, never a copy. A process killed at
 * any step (SIGKILL, power loss) leaves {@code ..data} pointing at a complete generation, the old
 * one or the new one; whatever else it left has a {@code .tmp-} name, and step 1 of the next write
 * removes it. Old generations are renamed to a temporary name before they are deleted, so none is
 * ever left half deleted under its own name. Two windows remain, both closed by the next write: a
 * kill between steps 4 and 6 leaves the new generation with the old bootstrap (which a running
 * Envoy ignores anyway), and a visible name that the new generation drops dangles between steps 4
 * and 7 (bent's output always has the same visible names).
 */
public final class GenerationWriter {
  /** Old generations kept besides the live one, for a look back after a bad change. */
  public static final int KEPT_GENERATIONS = 2;

  public static final String DATA_LINK = "..data";
  public static final String BOOTSTRAP = "bootstrap.yaml";
  private static final Pattern GENERATION = Pattern.compile("\\.\\.[0-9a-f]{16}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  private static volatile WriteStepHook stepHook = WriteStepHook.NONE;

  private GenerationWriter() {}

  /** Installs {@code hook} for every later write in this process ({@link WriteStepHook#NONE}: none). */
  public static void setStepHook(WriteStepHook hook) {
    stepHook = hook;
  }

  /**
   * What a write did.
   *
   * @param published a new generation became live (Envoy reloads its dynamic files)
   * @param bootstrapChanged bootstrap.yaml was created or replaced
   * @param bootstrapReplaced an existing bootstrap.yaml got different bytes: an Envoy already
   *     running from it sees them only when it restarts
   * @param written the files and bytes this write put on disk (a hard link to an unchanged file
   *     writes none)
   */
  public record Result(
      Path directory,
      String generation,
      boolean published,
      boolean bootstrapChanged,
      boolean bootstrapReplaced,
      Written written) {
    public boolean changed() {
      return published || bootstrapChanged;
    }
  }

  /** How many files, and bytes in them, a write put on disk. */
  public record Written(long files, long bytes) {
    public static final Written NONE = new Written(0, 0);

    public Written plus(Written other) {
      return new Written(files + other.files, bytes + other.bytes);
    }

    Written plus(byte[] file) {
      return new Written(files + 1, bytes + file.length);
    }
  }

  /**
   * Writes {@code files} (relative path to bytes; {@code bootstrap.yaml} is the bootstrap, every
   * other path goes into the generation) into {@code directory}, creating it if needed.
   */
  public static Result write(Path directory, SortedMap<String, byte[]> files) throws IOException {
    return write(directory, files, Map.of(), Map.of(), SharedFiles.NONE, PublishedKeys.NONE);
  }

  /**
   * Writes the files of {@code node}: its configuration and its PEM files, private keys readable
   * only by their owner (and group), see {@link KeyFiles}.
   */
  public static Result write(Path directory, NodeFiles node) throws IOException {
    return write(directory, node, SharedFiles.NONE, PublishedKeys.NONE);
  }

  /**
   * As above, sharing files with the other nodes of one write through {@code shared}, and
   * knowing unchanged files by the keys {@code published} remembers of the live generation.
   */
  static Result write(Path directory, NodeFiles node, SharedFiles shared, PublishedKeys published)
      throws IOException {
    Map<String, PemFile> keys = new java.util.TreeMap<>();
    node.pemFiles().forEach((path, pem) -> {
      if (pem.privateKey()) {
        keys.put(path, pem);
      }
    });
    return write(directory, node.generationFiles(), keys, node.contentKeys(), shared, published);
  }

  private static Result write(
      Path directory, SortedMap<String, byte[]> files, Map<String, PemFile> keys, Map<String, byte[]> contentKeys,
      SharedFiles shared, PublishedKeys publishedKeys)
      throws IOException {
    // 1. Check every path and visible name before any I/O; remove leftovers.
    byte[] bootstrap = files.get(BOOTSTRAP);
    SortedMap<String, byte[]> generationFiles = new java.util.TreeMap<>(files);
    generationFiles.remove(BOOTSTRAP);
    generationFiles.keySet().forEach(GenerationWriter::checkRelativePath);
    Set<String> visible = topLevelNames(generationFiles);
    checkNamesAreBents(directory, visible);
    WriteStepHook hook = stepHook;
    hook.reached(directory, 1);
    Files.createDirectories(directory);
    DurableFiles.removeLeftovers(directory);

    // 2. Name the generation by its content.
    String generation = GenerationDirectory.name(generationFiles, contentKeys);
    Optional<String> live = liveGeneration(directory);
    // 3. Write it, unless a complete copy is already there.
    Written written = Written.NONE;
    if (!GenerationDirectory.holds(directory.resolve(generation), generationFiles)) {
      Map<String, byte[]> liveKeys = live.map(g -> publishedKeys.of(directory, g)).orElse(Map.of());
      written = GenerationDirectory.write(directory, generation, generationFiles, keys, contentKeys,
          live.map(directory::resolve), liveKeys, shared, hook);
    }
    // 4. Publish with one rename over ..data.
    boolean published = !live.map(generation::equals).orElse(false);
    if (published) {
      hook.reached(directory, 4);
      DurableFiles.replaceLink(directory, DATA_LINK, Path.of(generation));
    }
    publishedKeys.record(directory, generation, contentKeys);
    // 5. Visible names are symlinks into ..data.
    hook.reached(directory, 5);
    boolean renamed = false;
    for (String name : visible) {
      renamed |= ensureLink(directory, name, Path.of(DATA_LINK, name));
    }
    // 6. The bootstrap, only when it changed.
    hook.reached(directory, 6);
    Path bootstrapPath = directory.resolve(BOOTSTRAP);
    boolean hadBootstrap = Files.exists(bootstrapPath, LinkOption.NOFOLLOW_LINKS);
    boolean bootstrapChanged =
        bootstrap != null && DurableFiles.replaceFileIfChanged(bootstrapPath, bootstrap, false);
    if (renamed || bootstrapChanged) {
      // One fsync makes the links and the bootstrap's rename durable together; a crash before it
      // loses at most some of them, and the next write makes them again.
      DurableFiles.fsync(directory);
    }
    if (bootstrapChanged) {
      written = written.plus(bootstrap);
    }
    // 7. Names the new generation no longer has, and old generations.
    hook.reached(directory, 7);
    removeStaleVisibleNames(directory, visible);
    pruneGenerations(directory, generation);
    return new Result(
        directory, generation, published, bootstrapChanged, bootstrapChanged && hadBootstrap, written);
  }

  /** The generation directory the {@code ..data} link of {@code directory} points at, if any. */
  public static Optional<String> liveGeneration(Path directory) {
    try {
      return Optional.of(Files.readSymbolicLink(directory.resolve(DATA_LINK)).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  static void checkRelativePath(String path) {
    if (path.isEmpty() || path.startsWith("/")) {
      throw new IllegalArgumentException("not a relative path: \"" + path + "\"");
    }
    for (String segment : path.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("unsafe path segment \"" + segment + "\" in \"" + path + "\"");
      }
    }
  }

  /**
   * Step 1: every name this writes is free or was written by bent. A directory is bent's when its
   * {@code ..data} is a link to a generation; then {@code bootstrap.yaml} is bent's too. A visible
   * name is bent's when it is a link to the same name in {@code ..data}. Anything else is the
   * user's, and stops the write before any change.
   */
  private static void checkNamesAreBents(Path directory, Set<String> visible) throws IOException {
    Path data = directory.resolve(DATA_LINK);
    boolean bents = liveGeneration(directory).map(g -> GENERATION.matcher(g).matches()).orElse(false);
    if (!bents && Files.exists(data, LinkOption.NOFOLLOW_LINKS)) {
      throw new NodeDirectories.NotWrittenByBentException(data, "was not written by bent; move it away");
    }
    for (String name : visible) {
      Path link = directory.resolve(name);
      if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)
          && !(Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(Path.of(DATA_LINK, name)))) {
        throw new NodeDirectories.NotWrittenByBentException(
            link, "exists and is not bent's link into " + DATA_LINK + "; move it away");
      }
    }
    Path bootstrap = directory.resolve(BOOTSTRAP);
    if (Files.exists(bootstrap, LinkOption.NOFOLLOW_LINKS)
        && !(bents && Files.isRegularFile(bootstrap, LinkOption.NOFOLLOW_LINKS))) {
      throw new NodeDirectories.NotWrittenByBentException(
          bootstrap, "exists and was not written by bent (no " + DATA_LINK + " beside it); move it away");
    }
  }

  /** Makes {@code name} a link to {@code target} unless it is one; returns whether it renamed. */
  private static boolean ensureLink(Path directory, String name, Path target) throws IOException {
    Path link = directory.resolve(name);
    if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(target)) {
      DurableFiles.replaceLink(directory, name, target, false);
      return true;
    }
    return false;
  }

  private static void removeStaleVisibleNames(Path directory, Set<String> visible) throws IOException {
    for (Path entry : DurableFiles.list(directory)) {
      String name = entry.getFileName().toString();
      if (Files.isSymbolicLink(entry)
          && !visible.contains(name)
          && Files.readSymbolicLink(entry).startsWith(DATA_LINK)
          && !name.equals(DATA_LINK)) {
        Files.delete(entry);
      }
    }
  }

  private static void pruneGenerations(Path directory, String live) throws IOException {
    List<Path> old = new ArrayList<>();
    for (Path entry : DurableFiles.list(directory)) {
      String name = entry.getFileName().toString();
      if (GENERATION.matcher(name).matches()
          && !name.equals(live)
          && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        old.add(entry);
      }
    }
    old.sort(Comparator.comparing(GenerationWriter::modified).reversed().thenComparing(Path::toString));
    for (int i = KEPT_GENERATIONS; i < old.size(); i++) {
      DurableFiles.removeAtomically(old.get(i));
    }
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static Set<String> topLevelNames(Map<String, byte[]> files) {
    Set<String> names = new TreeSet<>();
    files.keySet().forEach(p -> names.add(p.contains("/") ? p.substring(0, p.indexOf('/')) : p));
    return names;
  }


}
