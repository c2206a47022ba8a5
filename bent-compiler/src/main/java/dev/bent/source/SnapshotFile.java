package dev.bent.source;

import dev.bent.write.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;

/**
 * A snapshot target that is a file, replaced with one atomic rename of an fsynced temporary file.
 * The file's modification time is the time of the scan that it came from: a scan never replaces a
 * file from a later scan.
 *
 * <p>Reasoning: the comparison and the rename are two steps, so two scanners on one host that
 * publish in the same instant could still both write; for that, two scanners share an S3 object,
 * whose writes are conditional. One scanner per file is the intended use.
 */
public final class SnapshotFile implements SnapshotTarget {
  private final Path file;

  public SnapshotFile(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public Publication publish(byte[] content, Instant scanTime) throws IOException {
    try {
      if (Arrays.equals(Files.readAllBytes(file), content)) {
        return Publication.UNCHANGED;
      }
      if (Files.getLastModifiedTime(file).toInstant().isAfter(scanTime)) {
        return Publication.SUPERSEDED;
      }
    } catch (NoSuchFileException e) {
      // nothing there yet
    }
    AtomicFile.write(file, content, FileTime.from(scanTime));
    return Publication.PUBLISHED;
  }
}
