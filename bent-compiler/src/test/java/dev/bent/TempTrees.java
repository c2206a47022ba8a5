package dev.bent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of the temporary directories that tests make for themselves outside JUnit's @TempDir. */
public final class TempTrees {
  private TempTrees() {}

  /** Deletes {@code root} and everything under it, deepest first; links are deleted, not followed. */
  public static void delete(Path root) throws IOException {
    if (root == null || !Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
