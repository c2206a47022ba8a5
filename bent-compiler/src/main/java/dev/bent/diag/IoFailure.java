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

  /** {@code out/beta: permission denied}, {@code out/x: No space left on device}, or the message. */
  public static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException fs) {
      return fs.getFile() + ": " + (fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName());
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
