package dev.bent.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bent.write.NodeDirectories;
import dev.bent.write.OutputLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A watch that writes every node removes the directories of nodes that left the mesh, and nothing else. */
class NodeRetirementWatchTest {
  @TempDir Path dir;
  private final StringWriter log = new StringWriter();

  private Watcher watcher(FileMeshSource source, Path out, Duration grace) {
    return new Watcher(source, List.of(), OutputLayout.of(out, null, false),
        new WatchStatus(Clock.systemUTC()), new WatchLog(new PrintWriter(log, true)), Watcher.Backoff.DEFAULT,
        new NodeRetirement(grace, Clock.systemUTC()));
  }

  @Test
  void aNodeThatLeftIsRemovedAfterTheGracePeriodAndWhatBentDidNotWriteStays() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("notes"));
    Files.writeString(out.resolve("notes/todo.txt"), "not bent's\n");
    Files.writeString(out.resolve("README"), "not bent's either\n");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 3));
    try (FileMeshSource source = FileMeshSource.open(mesh, Duration.ZERO, Duration.ofHours(1))) {
      Watcher watcher = watcher(source, out, Duration.ZERO);
      assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
      String gone = MeshVersions.node(2);
      assertTrue(Files.isDirectory(out.resolve(gone)));

      MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, 2));
      assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle(), log.toString());
      assertFalse(Files.exists(out.resolve(gone)), log.toString());
      assertTrue(log.toString().contains("bent: removed the directories of 1 node absent from the mesh for 0 s: "
          + gone), log.toString());
      assertEquals("not bent's\n", Files.readString(out.resolve("notes/todo.txt")));
      assertEquals("not bent's either\n", Files.readString(out.resolve("README")));
      assertEquals(List.of(MeshVersions.node(0), MeshVersions.node(1)),
          List.copyOf(NodeDirectories.of(out, NodeDirectories.Kind.GENERATIONS).owned()));
    }
  }

  @Test
  void withinTheGracePeriodTheDirectoryStaysAndANodeWrittenByNameIsNeverRetired() throws Exception {
    Path mesh = dir.resolve("mesh.yaml");
    MeshVersions.writeByRename(mesh, MeshVersions.mesh(1, 3));
    try (FileMeshSource source = FileMeshSource.open(mesh, Duration.ZERO, Duration.ofHours(1))) {
      Watcher watcher = watcher(source, dir.resolve("out"), Duration.ofHours(1));
      assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle());
      MeshVersions.writeByRename(mesh, MeshVersions.mesh(2, 2));
      assertEquals(Watcher.Outcome.PUBLISHED, watcher.cycle());
      assertTrue(Files.isDirectory(dir.resolve("out").resolve(MeshVersions.node(2))), "kept for the grace period");

      Watcher one = new Watcher(source, List.of(MeshVersions.node(0)), OutputLayout.of(dir.resolve("one"), null, true),
          new WatchStatus(Clock.systemUTC()), new WatchLog(new PrintWriter(log, true)), Watcher.Backoff.DEFAULT,
          new NodeRetirement(Duration.ZERO, Clock.systemUTC()));
      assertEquals(Watcher.Outcome.PUBLISHED, one.cycle());
      assertTrue(Files.exists(dir.resolve("one/bootstrap.yaml")), "a single node's directory is not a mesh's");
    }
  }
}
