package dev.bent.write;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock of an output directory, within one process (other processes: bent-watch's tests). */
class OutputLockTest {
  @TempDir Path dir;

  @Test
  void aSecondWriterIsToldWhoHoldsTheDirectory() throws Exception {
    Path out = dir.resolve("out");
    try (OutputLock held = OutputLock.acquire(out, "bent watch")) {
      OutputLock.LockedException e =
          assertThrows(OutputLock.LockedException.class, () -> OutputLock.acquire(out, "bent compile"));
      assertTrue(e.holder().contains("pid: " + ProcessHandle.current().pid()), e.holder());
      assertTrue(e.holder().contains("command: bent watch"), e.holder());
      assertTrue(e.getMessage().contains(out.resolve(OutputLock.FILE_NAME).toString()), e.getMessage());
    }
  }

  @Test
  void aReleasedLockCanBeTakenAgainAndItsFileStays() throws Exception {
    Path out = dir.resolve("out");
    OutputLock.acquire(out, "bent compile").close();
    assertTrue(Files.exists(out.resolve(OutputLock.FILE_NAME)), "the lock file is never deleted");
    assertDoesNotThrow(() -> OutputLock.acquire(out, "bent compile").close());
  }

  @Test
  void theHostNameComesFromTheEnvironmentOrAFileNeverFromTheNetwork() throws Exception {
    Path kernel = dir.resolve("hostname");
    Files.writeString(kernel, "build-3\n");
    Path absent = dir.resolve("absent");

    assertEquals("from-env", OutputLock.hostName("from-env", kernel));
    assertEquals("build-3", OutputLock.hostName(null, absent, kernel));
    assertEquals("build-3", OutputLock.hostName(" ", kernel));
    assertEquals("unknown host", OutputLock.hostName(null, absent));
  }
}
