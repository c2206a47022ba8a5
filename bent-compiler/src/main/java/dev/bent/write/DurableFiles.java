package dev.bent.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The file-system steps the generation writer is built from: durable writes, atomic renames of
 * temporary files and links, and removals that a crash cannot leave half done. Every temporary
 * name starts with {@link #TEMP_PREFIX}, so that the next run can find and remove leftovers.
 */
final class DurableFiles {
  static final String TEMP_PREFIX = ".tmp-";

  /** A temporary name this class made: the prefix, a word, and a random UUID. */
  private static final java.util.regex.Pattern TEMP_NAME =
      java.util.regex.Pattern.compile(
          "\\.tmp-.*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private DurableFiles() {}

  /** Writes a new file and forces its content to disk before returning. */
  static void writeDurably(Path path, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /**
   * Creates {@code path} as a hard link to {@code same} if that file holds exactly {@code
   * content}; returns whether it did.
   *
   * <p>Reasoning: one endpoint change alters every node's CDS file but none of its other files, so
   * most of a new generation equals the live one. A generation's files are never modified once
   * written (a change is always a new generation), so the two can share them: a link costs no
   * data write and no fsync, which is most of the time a publish of many nodes takes. A file
   * system without hard links gets a copy from the caller.
   */
  static boolean linkIfSame(Path path, Optional<Path> same, byte[] content) throws IOException {
    return same.isPresent() && holdsExactly(same.get(), content) && link(path, same.get());
  }

  /** Creates {@code path} as a hard link to {@code target}; false where that fails (no hard links here). */
  static boolean link(Path path, Path target) throws IOException {
    try {
      Files.createLink(path, target);
      return true;
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(path); // the caller writes a copy
      return false;
    }
  }

  /** Whether {@code file} is a regular file (not a link) holding exactly {@code content}. */
  static boolean holdsExactly(Path file, byte[] content) throws IOException {
    return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Files.size(file) == content.length
        && Arrays.equals(Files.readAllBytes(file), content);
  }

  /** Forces a directory's entries (creations, renames) to disk. */
  static void fsync(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * Replaces {@code path} with {@code content} (temp file, fsync, rename) if its bytes differ;
   * {@code durable} false leaves the directory's fsync after the rename to the caller, who makes
   * several renames durable with one.
   */
  static boolean replaceFileIfChanged(Path path, byte[] content, boolean durable) throws IOException {
    if (holdsExactly(path, content)) {
      return false;
    }
    Path temp = path.resolveSibling(TEMP_PREFIX + path.getFileName() + "-" + UUID.randomUUID());
    try {
      writeDurably(temp, content);
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
      if (durable) {
        fsync(path.getParent());
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }

  /**
   * Creates a temporary symlink and renames it over {@code name}: atomic for any reader. The
   * directory is fsynced after the rename, so that the new link survives a power loss.
   */
  static void replaceLink(Path directory, String name, Path target) throws IOException {
    replaceLink(directory, name, target, true);
  }

  /** As above; {@code durable} false leaves the directory's fsync to the caller. */
  static void replaceLink(Path directory, String name, Path target, boolean durable) throws IOException {
    Path temp = directory.resolve(TEMP_PREFIX + "link-" + UUID.randomUUID());
    Files.createSymbolicLink(temp, target);
    try {
      Files.move(temp, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      if (durable) {
        fsync(directory);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Removes {@code path} by first renaming it to a temporary name and then deleting that.
   *
   * <p>Reasoning: a recursive delete interrupted by a crash would leave a generation directory
   * with some of its files gone, under a name that says it is complete. After the rename the
   * directory is either whole under its name or a leftover the next run removes.
   */
  static void removeAtomically(Path path) throws IOException {
    Path doomed = path.resolveSibling(TEMP_PREFIX + "old-" + UUID.randomUUID());
    Files.move(path, doomed, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(doomed);
  }

  /**
   * Deletes {@code path} and, if it is a directory (not a link to one), everything under it; a
   * symbolic link is deleted as a link, never followed. Returns how many non-directories went.
   */
  static int deleteRecursively(Path path) throws IOException {
    int files = 0;
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      for (Path child : list(path)) {
        files += deleteRecursively(child);
      }
    } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      files++;
    }
    Files.deleteIfExists(path);
    return files;
  }

  static List<Path> list(Path directory) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(out::add);
    }
    return out;
  }

  /**
   * Removes every entry of {@code directory} whose name marks it as a temporary leftover of this
   * class ({@code .tmp-<word>-<uuid>}); other names, even with the prefix, are not bent's.
   */
  static void removeLeftovers(Path directory) throws IOException {
    for (Path entry : list(directory)) {
      if (TEMP_NAME.matcher(entry.getFileName().toString()).matches()) {
        deleteRecursively(entry);
      }
    }
  }
}
