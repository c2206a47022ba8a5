package dev.bent.validate;

import dev.bent.Compiler;
import dev.bent.Meshes;
import dev.bent.write.GenerationWriter;
import java.nio.file.Path;
import java.util.List;

/** Writes nodes that bent compiles from its samples, as real node directories for loader tests. */
final class CompiledNodes {
  private CompiledNodes() {}

  /**
   * Compiles {@code node} of samples/{@code sample} and writes it into {@code dir}, naming its
   * files under {@code envoyDir} as Envoy would see them.
   */
  static Path write(String sample, String node, Path dir, String envoyDir) throws Exception {
    Path mesh = Meshes.projectRoot().resolve("samples").resolve(sample);
    Compiler.Compilation compilation = Compiler.compileFile(mesh, List.of(node), n -> envoyDir);
    GenerationWriter.write(dir, compilation.nodes().get(node).files());
    return dir;
  }
}
