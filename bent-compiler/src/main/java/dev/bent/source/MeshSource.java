package dev.bent.source;

import dev.bent.diag.Diagnostics;
import dev.bent.model.Mesh;
import java.io.IOException;
import java.util.Set;

/**
 * Where a {@link Mesh} comes from: a mesh file, or a live scan of a platform such as ECS. The CLI
 * and watch mode read through this interface and never see how a source gets its data.
 *
 * <p>Problems in what the source read (a bad label, a bad YAML key) go into the diagnostics; a
 * source that cannot be read at all (a file system or network failure) throws {@link IOException}.
 */
public interface MeshSource {

  /**
   * Reads the mesh as it is now.
   *
   * @param wantedNodes the nodes the caller is going to compile; a live source includes these even
   *     when it would otherwise leave them out (for example a task that is still starting, whose
   *     own sidecar needs its configuration before the task receives traffic)
   * @param diagnostics where problems in the input are reported
   * @throws IOException when the source cannot be read; nothing of it is returned
   */
  Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) throws IOException;

  /**
   * The source that does the reading beneath any layer that only adds to what it reads (an
   * overlay); itself by default. Watch mode asks it for a live scan's own counters.
   */
  default MeshSource underlying() {
    return this;
  }

  /** The directory that relative paths in the mesh (such as an htpasswd file) start from. */
  default java.nio.file.Path baseDirectory() {
    return java.nio.file.Path.of(".");
  }

  /** The file source: {@link MeshFileReader} over one file, reread on every call. */
  static MeshSource file(java.nio.file.Path file) {
    return new MeshSource() {
      @Override
      public Mesh read(Set<String> wantedNodes, Diagnostics diagnostics) {
        return MeshFileReader.read(file, file.toString(), diagnostics);
      }

      @Override
      public java.nio.file.Path baseDirectory() {
        java.nio.file.Path parent = file.toAbsolutePath().getParent();
        return parent == null ? java.nio.file.Path.of(".") : parent;
      }
    };
  }
}
