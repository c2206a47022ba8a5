package dev.bent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.golden.TestMeshes;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling unchanged input again changes nothing on disk but the lock file, as the README says:
 * every file, link and directory keeps its timestamp.
 */
class UnchangedRecompileTest {
  private static final FileTime PAST = FileTime.fromMillis(1_000_000_000_000L);

  @TempDir Path dir;

  @Test
  void onlyTheLockFileIsRewritten() throws Exception {
    Path mesh = TestMeshes.copy(TestMeshes.TWO_NODES, dir);
    Path out = dir.resolve("out");
    String[] compile = {"compile", "-c", mesh.toString(), "-o", out.toString()};
    assertEquals(ExitCode.OK, CliRun.of(compile).exitCode());
    List<Path> entries;
    try (Stream<Path> walk = Files.walk(out)) {
      entries = walk.toList();
    }
    for (Path entry : entries) {
      Files.getFileAttributeView(entry, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(PAST, null, null);
    }

    CliRun again = CliRun.of(compile);

    assertEquals(ExitCode.OK, again.exitCode(), again.toString());
    Map<String, FileTime> changed = new TreeMap<>();
    for (Path entry : entries) {
      FileTime now = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
      if (!now.equals(PAST)) {
        changed.put(out.relativize(entry).toString(), now);
      }
    }
    assertEquals(List.of(".bent.lock"), List.copyOf(changed.keySet()));
  }
}
