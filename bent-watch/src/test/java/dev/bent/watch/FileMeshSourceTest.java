package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the file source notices saves. The periodic comparison is set to an hour, so every change
 * here must be noticed through the directory's events.
 */
class FileMeshSourceTest {
  private static final Duration NO_RECHECK = Duration.ofHours(1);

  @TempDir Path dir;

  @Test
  void aSaveByRenameIsAChange() throws Exception {
    assertNoticed(() -> MeshVersions.writeByRename(dir.resolve("mesh.yaml"), MeshVersions.mesh(2, 1)));
  }

  @Test
  void aSaveInPlaceIsAChange() throws Exception {
    assertNoticed(() -> MeshVersions.writeInPlace(dir.resolve("mesh.yaml"), MeshVersions.mesh(2, 1)));
  }

  @Test
  void aFileThatAppearsLaterIsAChange() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    try (FileMeshSource source = FileMeshSource.open(mesh, Duration.ofMillis(10), NO_RECHECK)) {
      Diagnostics missing = new Diagnostics();
      source.read(missing);
      assertTrue(missing.hasErrors(), "a missing file is reported");
      CompletableFuture<Boolean> change = awaitChange(source);
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 1));
      assertTrue(change.get(30, TimeUnit.SECONDS));
      assertEquals("s0-m1.svc", read(source).nodes().get(0).services().get(0).name());
    }
  }

  @Test
  void closingEndsAWait() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 1));
    FileMeshSource source = FileMeshSource.open(mesh, Duration.ofMillis(10), NO_RECHECK);
    read(source);
    CompletableFuture<Boolean> change = awaitChange(source);
    source.close();
    assertFalse(change.get(30, TimeUnit.SECONDS), "a closed source reports no change");
  }

  private interface Save {
    void run() throws Exception;
  }

  private void assertNoticed(Save save) throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 1));
    try (FileMeshSource source = FileMeshSource.open(mesh, Duration.ofMillis(10), NO_RECHECK)) {
      assertEquals("s0-m1.svc", read(source).nodes().get(0).services().get(0).name());
      CompletableFuture<Boolean> change = awaitChange(source);
      save.run();
      assertTrue(change.get(30, TimeUnit.SECONDS));
      assertEquals("s0-m2.svc", read(source).nodes().get(0).services().get(0).name());
    }
  }

  private static Mesh read(FileMeshSource source) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = source.read(diagnostics);
    assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
    return mesh;
  }

  private static CompletableFuture<Boolean> awaitChange(FileMeshSource source) {
    CompletableFuture<Boolean> change = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                change.complete(source.awaitChange());
              } catch (Exception e) {
                change.completeExceptionally(e);
              }
            },
            "await-change");
    waiter.setDaemon(true);
    waiter.start();
    return change;
  }
}
