package dev.bent.diag;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * How an I/O failure is told to a person: the file and the reason in one line, without the
 * exception's class name or stack. Shared by the CLI (which then exits 1) and watch mode (which
 * logs it and goes on).
 */
public final class IoFailure {
  private IoFailure() {}

  private static String reason(FileSystemException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return "already exists and is in the way (a file where a directory or link belongs?)";
    }
    if (e instanceof java.nio.file.NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof java.nio.file.DirectoryNotEmptyException) {
      return "directory not empty";
    }
    return e.getClass().getSimpleName();
  }

  /** {@code out/beta: permission denied}, {@code out/x: No space left on device}, or the message. */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException fs) {
      return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : reason(fs));
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
