package dev.bent.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Files that several node directories of one write hold with the same bytes, written once and
 * hard-linked into the others. A file is known by its content key (see {@link
 * dev.bent.emit.NodeFiles#contentKeys}), so finding a twin costs no comparison of bytes.
 *
 * <p>Reasoning: a generation's files are never modified once written, so generations may share
 * them, across nodes as within one node's history; a link costs no data write and no fsync. The
 * egress routes are the same file on every node, and so is every node's cluster file when the
 * nodes serve nothing of their own.
 *
 * <p>The first writer of a key makes its file durable and links it into a pool directory of this
 * write, {@code OUTPUT/.tmp-shared-<uuid>}, which no one renames; the others link from there. The
 * pool is removed when the write ends (the links keep the files), and a pool left by a killed
 * write is removed by the next. Safe for many writer threads; a link that fails (the pool could
 * not be made, another file system) falls back to writing a copy.
 */
final class SharedFiles implements AutoCloseable {
  /** No sharing: every file is written. */
  static final SharedFiles NONE = new SharedFiles(null);

  private static final Pattern POOL = Pattern.compile(
      "\\.tmp-shared-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path pool;
  private boolean poolMade;
  private final ConcurrentHashMap<String, CompletableFuture<Optional<Path>>> written = new ConcurrentHashMap<>();

  private SharedFiles(Path pool) {
    this.pool = pool;
  }

  /**
   * Sharing for the node directories of one write below {@code output}; pools that earlier
   * writes left there are removed first.
   */
  static SharedFiles below(Path output) throws IOException {
    Files.createDirectories(output);
    for (Path entry : DurableFiles.list(output)) {
      if (POOL.matcher(entry.getFileName().toString()).matches()) {
        DurableFiles.deleteRecursively(entry);
      }
    }
    return new SharedFiles(output.resolve(DurableFiles.TEMP_PREFIX + "shared-" + UUID.randomUUID()));
  }

  /**
   * Makes the pool when the first file is shared, so that a write that writes nothing leaves the
   * output directory untouched.
   */
  private synchronized Path pool() throws IOException {
    if (!poolMade) {
      Files.createDirectory(pool);
      poolMade = true;
    }
    return pool;
  }

  /**
   * Puts {@code content}, whose content key is {@code key} (null: none), at {@code path}: as a
   * hard link to the file of this write with the same key, or as a new durable file. Returns
   * whether it wrote data (false: linked).
   */
  boolean place(Path path, byte[] key, byte[] content) throws IOException {
    if (pool == null || key == null) {
      DurableFiles.writeDurably(path, content);
      return true;
    }
    String name = HexFormat.of().formatHex(key) + "-" + content.length;
    CompletableFuture<Optional<Path>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Path>> first = written.putIfAbsent(name, mine);
    if (first == null) {
      try {
        DurableFiles.writeDurably(path, content);
      } catch (IOException | RuntimeException e) {
        mine.complete(Optional.empty());
        throw e;
      }
      Optional<Path> shared = Optional.empty();
      try {
        Path entry = pool().resolve(name);
        Files.createLink(entry, path);
        shared = Optional.of(entry);
      } catch (IOException | UnsupportedOperationException e) {
        // written but not shared: the others write their own copies
      }
      mine.complete(shared);
      return true;
    }
    Optional<Path> twin = await(first);
    if (twin.isPresent()) {
      try {
        Files.createLink(path, twin.get());
        return false;
      } catch (IOException | UnsupportedOperationException e) {
        Files.deleteIfExists(path); // another file system: write a copy
      }
    }
    DurableFiles.writeDurably(path, content);
    return true;
  }

  private static Optional<Path> await(CompletableFuture<Optional<Path>> first) throws IOException {
    try {
      return first.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a shared file", e);
    } catch (ExecutionException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the pool; the node directories keep their links to its files. A pool that cannot be
   * removed now is a leftover the next write removes.
   */
  @Override
  public synchronized void close() {
    if (poolMade) {
      try {
        DurableFiles.deleteRecursively(pool);
      } catch (IOException e) {
        // left for the next write
      }
    }
  }
}
