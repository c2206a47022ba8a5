package dev.bent.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bent.source.SnapshotTarget.Publication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileIsReplacedOnlyWhenItsBytesChangeAndCarriesTheScanTime() throws Exception {
    Path file = dir.resolve("mesh.yaml");
    SnapshotFile target = new SnapshotFile(file);
    Instant first = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(Publication.PUBLISHED, target.publish(bytes("nodes:\n  a:\n"), first));
    assertEquals(first, Files.getLastModifiedTime(file).toInstant());
    assertEquals(Publication.UNCHANGED, target.publish(bytes("nodes:\n  a:\n"), first.plusSeconds(15)));
    assertEquals(first, Files.getLastModifiedTime(file).toInstant());
    assertEquals(Publication.PUBLISHED, target.publish(bytes("nodes:\n  b:\n"), first.plusSeconds(30)));
    assertEquals("nodes:\n  b:\n", Files.readString(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left beside it");
    }
  }

  @Test
  void anEarlierScanDoesNotReplaceAFileFromALaterScan() throws Exception {
    Path file = dir.resolve("mesh.yaml");
    SnapshotFile target = new SnapshotFile(file);
    Instant late = Instant.parse("2026-01-01T00:01:00Z");
    target.publish(bytes("nodes:\n  late:\n"), late);
    assertEquals(Publication.SUPERSEDED, target.publish(bytes("nodes:\n  early:\n"), late.minusSeconds(20)));
    assertEquals("nodes:\n  late:\n", Files.readString(file));
  }
}
