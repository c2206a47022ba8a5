package dev.bent.golden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small meshes under src/test/resources/dev/bent/golden, copied where a test needs them. */
public final class TestMeshes {
  /** Two nodes: beta serves beta.svc (app on 10.0.0.3:3000), alpha only calls it. */
  public static final String TWO_NODES = "two-nodes.yaml";
  /** Invalid: a sidecar endpoint on port 70000, at line 5, column 11. */
  public static final String BAD_PORT = "bad-port.yaml";

  private TestMeshes() {}

  /** Copies mesh {@code name} to {@code directory/mesh.yaml}. */
  public static Path copy(String name, Path directory) {
    try (InputStream in = TestMeshes.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test mesh " + name);
      }
      Files.createDirectories(directory);
      Path mesh = directory.resolve("mesh.yaml");
      Files.write(mesh, in.readAllBytes());
      return mesh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code from} by {@code to} in a file, failing when {@code from} is not there. */
  public static void edit(Path file, String from, String to) {
    try {
      String text = Files.readString(file);
      if (!text.contains(from)) {
        throw new IllegalArgumentException(file + " has no \"" + from + "\"");
      }
      Files.writeString(file, text.replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
