package dev.bent.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
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
 *   <li>Check every relative path before any I/O; remove leftovers of an interrupted write.
 *   <li>Name the generation by the digest of its files. If {@code ..data} already points at it and
 *       it holds those bytes, the generation is unchanged: skip to step 6.
 *   <li>Write the generation into a temporary directory beside it, every file and directory
 *       fsynced, then rename it to its name.
 *   <li>Make sure each visible name is a symlink into {@code ..data}.
 *   <li>Publish: create a temporary symlink to the new generation and rename it over {@code
 *       ..data}. This one rename is what Envoy sees (inotify IN_MOVED_TO in the watched
 *       directory); it swaps every file at once.
 *   <li>Replace bootstrap.yaml (temp file, fsync, rename) only if its bytes changed.
 *   <li>Remove visible names that the new generation no longer has, and old generations beyond
 *       the newest {@link #KEPT_GENERATIONS}.
 * </ol>
 *
 * <p>A failure before step 5 leaves the live generation untouched; the temporary directory is
 * removed. Renames are {@code ATOMIC_MOVE} within one directory, never a copy.
 */
public final class GenerationWriter {
  /** Old generations kept besides the live one, for a look back after a bad change. */
  public static final int KEPT_GENERATIONS = 2;

  public static final String DATA_LINK = "..data";
  public static final String BOOTSTRAP = "bootstrap.yaml";
  private static final String TEMP_PREFIX = ".tmp-";
  private static final Pattern GENERATION = Pattern.compile("\\.\\.[0-9a-f]{16}");
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

  private GenerationWriter() {}

  /** What a write did. */
  public record Result(Path directory, String generation, boolean published, boolean bootstrapChanged) {
    public boolean changed() {
      return published || bootstrapChanged;
    }
  }

  /**
   * Writes {@code files} (relative path to bytes; {@code bootstrap.yaml} is the bootstrap, every
   * other path goes into the generation) into {@code directory}, creating it if needed.
   */
  public static Result write(Path directory, SortedMap<String, byte[]> files) throws IOException {
    // 1. Check every path before any I/O.
    byte[] bootstrap = files.get(BOOTSTRAP);
    SortedMap<String, byte[]> generationFiles = new java.util.TreeMap<>(files);
    generationFiles.remove(BOOTSTRAP);
    generationFiles.keySet().forEach(GenerationWriter::checkRelativePath);
    Files.createDirectories(directory);
    removeLeftovers(directory);

    // 2. Name the generation by its content; skip the publish if it is already live.
    String generation = ".." + digest(generationFiles);
    boolean published = false;
    if (!isLive(directory, generation, generationFiles)) {
      // 3. Write the generation beside the live one.
      writeGeneration(directory, generation, generationFiles);
      // 4. Visible names are symlinks into ..data.
      Set<String> visible = topLevelNames(generationFiles);
      for (String name : visible) {
        ensureLink(directory, name, Path.of(DATA_LINK, name));
      }
      // 5. Publish with one rename over ..data.
      replaceLink(directory, DATA_LINK, Path.of(generation));
      fsync(directory);
      published = true;
      // 7a. Names the new generation no longer has.
      removeStaleVisibleNames(directory, visible);
    }
    // 6. The bootstrap, only when it changed.
    boolean bootstrapChanged = bootstrap != null && replaceFileIfChanged(directory.resolve(BOOTSTRAP), bootstrap);
    // 7b. Old generations.
    pruneGenerations(directory, generation);
    return new Result(directory, generation, published, bootstrapChanged);
  }

  /** The generation directory the {@code ..data} link of {@code directory} points at, if any. */
  public static java.util.Optional<String> liveGeneration(Path directory) {
    try {
      return java.util.Optional.of(Files.readSymbolicLink(directory.resolve(DATA_LINK)).toString());
    } catch (IOException | UnsupportedOperationException e) {
      return java.util.Optional.empty();
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

  private static boolean isLive(Path directory, String generation, Map<String, byte[]> files) throws IOException {
    if (!liveGeneration(directory).map(generation::equals).orElse(false)) {
      return false;
    }
    Path dir = directory.resolve(generation);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
          || !Arrays.equals(Files.readAllBytes(path), file.getValue())) {
        return false;
      }
    }
    for (String name : topLevelNames(files)) {
      Path link = directory.resolve(name);
      if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(Path.of(DATA_LINK, name))) {
        return false;
      }
    }
    return true;
  }

  private static void writeGeneration(Path directory, String generation, Map<String, byte[]> files)
      throws IOException {
    Path temp = directory.resolve(TEMP_PREFIX + generation.substring(2) + "-" + UUID.randomUUID());
    try {
      Files.createDirectory(temp);
      Set<Path> dirs = new TreeSet<>();
      dirs.add(temp);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = temp.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        dirs.add(path.getParent());
        writeDurably(path, file.getValue());
      }
      for (Path dir : dirs) {
        fsync(dir);
      }
      Path target = directory.resolve(generation);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        // A stale generation of the same name (content seen before, not live): replace it.
        deleteRecursively(target);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      fsync(directory);
    } finally {
      if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        deleteRecursively(temp);
      }
    }
  }

  private static void ensureLink(Path directory, String name, Path target) throws IOException {
    Path link = directory.resolve(name);
    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
      return;
    }
    if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
      throw new FileAlreadyExistsException(
          link.toString(), null, "exists and is not a link into " + DATA_LINK + "; move it away");
    }
    replaceLink(directory, name, target);
  }

  /** Creates a temporary symlink and renames it over {@code name}: atomic for any reader. */
  private static void replaceLink(Path directory, String name, Path target) throws IOException {
    Path temp = directory.resolve(TEMP_PREFIX + "link-" + UUID.randomUUID());
    Files.createSymbolicLink(temp, target);
    try {
      Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean replaceFileIfChanged(Path path, byte[] content) throws IOException {
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
        && Arrays.equals(Files.readAllBytes(path), content)) {
      return false;
    }
    Path temp = path.resolveSibling(TEMP_PREFIX + path.getFileName() + "-" + UUID.randomUUID());
    try {
      writeDurably(temp, content);
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
      fsync(path.getParent());
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }

  private static void writeDurably(Path path, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  private static void fsync(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void removeLeftovers(Path directory) throws IOException {
    for (Path entry : list(directory)) {
      if (entry.getFileName().toString().startsWith(TEMP_PREFIX)) {
        deleteRecursively(entry);
      }
    }
  }

  private static void removeStaleVisibleNames(Path directory, Set<String> visible) throws IOException {
    for (Path entry : list(directory)) {
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
    for (Path entry : list(directory)) {
      String name = entry.getFileName().toString();
      if (GENERATION.matcher(name).matches() && !name.equals(live) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        old.add(entry);
      }
    }
    old.sort(Comparator.comparing(GenerationWriter::modified).reversed().thenComparing(Path::toString));
    for (int i = KEPT_GENERATIONS; i < old.size(); i++) {
      deleteRecursively(old.get(i));
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

  private static List<Path> list(Path directory) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(out::add);
    }
    return out;
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      for (Path child : list(path)) {
        deleteRecursively(child);
      }
    }
    Files.deleteIfExists(path);
  }

  private static String digest(Map<String, byte[]> files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(file.getValue());
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
