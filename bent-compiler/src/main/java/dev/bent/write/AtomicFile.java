package dev.bent.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Replaces one file all at once: readers see the old content or the new, never a part. Used for
 * single files such as the mesh file that {@code bent scan} writes.
 *
 * <p>Steps: (1) write a temporary file in the destination directory (same file system), (2) fsync
 * it, (3) rename it over the destination with ATOMIC_MOVE, (4) fsync the directory, so that the
 * rename itself survives a power loss. On failure the temporary file is removed and the
 * destination is untouched.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Replaces {@code file} with {@code content}, creating its directory if needed. */
  public static void write(Path file, byte[] content) throws IOException {
    write(file, content, null);
  }

  /** Like {@link #write(Path, byte[])}, with {@code modified} (if not null) as the file's modification time. */
  public static void write(Path file, byte[] content, FileTime modified) throws IOException {
    Path target = file.toAbsolutePath();
    Path directory = target.getParent();
    Files.createDirectories(directory);
    // Step 1: the temporary file beside the destination.
    Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    try {
      // Step 2: its content, durable before it becomes visible.
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      if (modified != null) {
        Files.setLastModifiedTime(temp, modified);
      }
      // Step 3: one rename publishes it.
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      // Step 4: the directory entry, durable too.
      DurableFiles.fsync(directory);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
