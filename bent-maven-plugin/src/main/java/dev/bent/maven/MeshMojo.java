package dev.bent.maven;

import dev.bent.Compiler;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.maven.plugins.annotations.Parameter;

/** The base of the goals that compile a mesh file: which file, which nodes. */
abstract class MeshMojo extends AbstractBentMojo {
  /** The mesh file. */
  @Parameter(property = "bent.mesh", defaultValue = "${project.basedir}/mesh.yaml", required = true)
  File mesh;

  /** The nodes to compile; every node when empty. From the command line: {@code -Dbent.nodes=a,b}. */
  @Parameter(property = "bent.nodes")
  List<String> nodes = new ArrayList<>();

  /** Compiles the mesh and logs its warnings; invalid input throws and is reported by the base. */
  final Compiler.Compilation compile(UnaryOperator<String> envoyDirOf) {
    Compiler.Compilation compilation = Compiler.compileFile(mesh.toPath(), nodes, envoyDirOf);
    compilation.warnings().forEach(w -> getLog().warn(w.toString()));
    return compilation;
  }
}
