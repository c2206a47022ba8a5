package dev.bent;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Diagnostics;
import dev.bent.diag.InvalidInputException;
import dev.bent.model.Mesh;
import dev.bent.source.MeshFileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Compiles mesh text for tests, the way the CLI does, with the Envoy directory /etc/envoy/NODE. */
public final class Meshes {
  public static final String ORIGIN = "mesh.yaml";

  private Meshes() {}

  public static Compiler.Compilation compile(String yaml, String... nodes) {
    Diagnostics diagnostics = new Diagnostics();
    Mesh mesh = MeshFileReader.parse(ORIGIN, yaml, diagnostics);
    return Compiler.compile(mesh, diagnostics, List.of(nodes), n -> "/etc/envoy/" + n);
  }

  /** The rendered diagnostics of a mesh that must fail to compile. */
  public static List<String> errors(String yaml, String... nodes) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> compile(yaml, nodes));
    return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString).toList();
  }

  public static String text(Compiler.Compilation compilation, String node, String file) {
    return new String(compilation.nodes().get(node).files().get(file), StandardCharsets.UTF_8);
  }

  /** The project root (where samples/ and golden/ are), set by the build. */
  public static Path projectRoot() {
    return Path.of(System.getProperty("bent.projectRoot", "..")).toAbsolutePath().normalize();
  }
}
