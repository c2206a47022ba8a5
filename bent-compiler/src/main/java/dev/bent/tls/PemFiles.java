package dev.bent.tls;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes the PEM files {@code bent ca} makes: each through a temporary file renamed into place, a
 * private key created readable by its owner only.
 */
public final class PemFiles {
  private PemFiles() {}

  /**
   * Writes {@code bytes} to {@code path}; an existing file is replaced only when {@code replace}.
   */
  public static void write(Path path, byte[] bytes, boolean privateKey, boolean replace) throws IOException {
    if (!replace && Files.exists(path)) {
      throw new FileAlreadyExistsException(path.toString(), null, "exists; pass --replace to replace it");
    }
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = parent.resolve("." + path.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    if (privateKey && parent.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(temp);
    }
    try {
      Files.write(temp, bytes);
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
